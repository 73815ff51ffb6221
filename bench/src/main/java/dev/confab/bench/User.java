package dev.confab.bench;

/** A prepared account: its name, password and one device token (from {@code login}). */
record User(int index, String username, String password, long userId, String token) {
}

ALTER TABLE conversations ADD COLUMN name VARCHAR(64);
ALTER TABLE conversations ADD COLUMN share_history BOOLEAN DEFAULT TRUE NOT NULL;

ALTER TABLE conversation_members ADD COLUMN role VARCHAR(16) DEFAULT 'member' NOT NULL;
-- The first message seq this member may read (1 = all history).
ALTER TABLE conversation_members ADD COLUMN visible_from BIGINT DEFAULT 1 NOT NULL;

CREATE TABLE contacts (
    owner_id   BIGINT NOT NULL REFERENCES users (id),
    contact_id BIGINT NOT NULL REFERENCES users (id),
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
);
CREATE INDEX contacts_contact ON contacts (contact_id);

CREATE TABLE user_settings (
    user_id BIGINT        NOT NULL REFERENCES users (id),
    name    VARCHAR(64)   NOT NULL,
    val     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (user_id, name)
);

-- The one signed-in account of this client and its event cursor (last applied event seq).
CREATE TABLE client_state (
    id           INT PRIMARY KEY CHECK (id = 1),
    username     VARCHAR(32),
    token        VARCHAR(128),
    event_cursor BIGINT NOT NULL
);
INSERT INTO client_state (id, username, token, event_cursor) VALUES (1, NULL, NULL, 0);

-- Messages not yet acknowledged by the server, in the order they were written.
CREATE TABLE outbox (
    position        BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_msg_id   VARCHAR(64) NOT NULL UNIQUE,
    to_username     VARCHAR(32),
    conversation_id BIGINT,
    body            VARCHAR(20000) NOT NULL,
    queued_at       BIGINT NOT NULL
);

-- Messages received through the event stream, for showing conversations offline.
CREATE TABLE messages (
    conversation_id BIGINT NOT NULL,
    seq             BIGINT NOT NULL,
    sender          VARCHAR(32) NOT NULL,
    recipient       VARCHAR(32),
    client_msg_id   VARCHAR(64),
    body            VARCHAR(20000) NOT NULL,
    sent_at         BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

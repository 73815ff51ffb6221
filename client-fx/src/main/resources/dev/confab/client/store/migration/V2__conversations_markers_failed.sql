-- Each conversation as the server last described it (conversations reply or group event), kept current by
-- applying the event stream. unread is not stored: it is max(0, latest_seq - read_seq), 0 once left.
CREATE TABLE conversations (
    conversation_id    BIGINT PRIMARY KEY,
    kind               VARCHAR(16) NOT NULL,
    name               VARCHAR(256),
    peer               VARCHAR(32),
    share_history      BOOLEAN NOT NULL,
    members_json       CHARACTER LARGE OBJECT NOT NULL,
    latest_seq         BIGINT NOT NULL,
    read_seq           BIGINT NOT NULL,
    left_group         BOOLEAN NOT NULL,
    -- epoch ms of the newest message, or of when this user joined: the list is sorted by it
    last_activity      BIGINT NOT NULL,
    -- seq of the last group event applied to name/members; a conversations reply asked before it is older
    meta_cursor        BIGINT NOT NULL,
    last_seq           BIGINT,
    last_sender        VARCHAR(32),
    last_recipient     VARCHAR(32),
    last_client_msg_id VARCHAR(64),
    last_body          VARCHAR(20000),
    last_sent_at       BIGINT
);
CREATE INDEX conversations_by_activity ON conversations (last_activity DESC, conversation_id DESC);

-- Every member's delivery and read markers ("every message up to this seq"), from receipt events.
CREATE TABLE markers (
    conversation_id BIGINT NOT NULL,
    username        VARCHAR(32) NOT NULL,
    delivered       BIGINT NOT NULL,
    read_seq        BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, username)
);

-- Outbox messages the server refused for good, so their rows can show FAILED (and be resent) after a restart.
CREATE TABLE failed_sends (
    client_msg_id   VARCHAR(64) PRIMARY KEY,
    to_username     VARCHAR(32),
    conversation_id BIGINT,
    body            VARCHAR(20000) NOT NULL,
    queued_at       BIGINT NOT NULL,
    error_code      VARCHAR(32) NOT NULL,
    error_message   VARCHAR(1000)
);

CREATE INDEX messages_by_client_msg_id ON messages (client_msg_id);

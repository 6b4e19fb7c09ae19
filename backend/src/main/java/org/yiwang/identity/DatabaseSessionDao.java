package org.yiwang.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.shiro.session.Session;
import org.apache.shiro.session.UnknownSessionException;
import org.apache.shiro.session.mgt.SimpleSession;
import org.apache.shiro.session.mgt.eis.AbstractSessionDAO;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.support.DefaultSubjectContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Shiro sessions in the database, so that every node sees the same sessions and a logout ends the session
 * everywhere. Shiro touches a session on every request; the last-access time is written at most every
 * {@value #TOUCH_WRITE_MS} ms unless something else changed, which keeps reads cheap and writes rare.
 */
class DatabaseSessionDao extends AbstractSessionDAO {

    private static final long TOUCH_WRITE_MS = 30_000;
    /** Only Shiro's session types, our principal and plain JDK types are ever deserialised. */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "org.apache.shiro.**;org.yiwang.identity.**;java.lang.**;java.util.**;java.time.**;java.net.InetAddress;!*");

    /** Looked up lazily: Shiro's filter is created before the DataSource has all its settings. */
    private final ObjectProvider<JdbcTemplate> jdbc;
    private final Map<Serializable, Written> written = new ConcurrentHashMap<>();

    private record Written(long lastAccess, int fingerprint) {
    }

    DatabaseSessionDao(ObjectProvider<JdbcTemplate> jdbc) {
        this.jdbc = jdbc;
        setSessionIdGenerator(session -> UUID.randomUUID().toString());
    }

    @Override
    protected Serializable doCreate(Session session) {
        Serializable id = generateSessionId(session);
        assignSessionId(session, id);
        SimpleSession s = (SimpleSession) session;
        jdbc.getObject().update("INSERT INTO web_session (id, account_id, last_access, timeout_ms, data) VALUES (?, ?, ?, ?, ?)",
                id, accountId(s), new Timestamp(s.getLastAccessTime().getTime()), s.getTimeout(), serializeObject(s));
        remember(s);
        return id;
    }

    @Override
    protected Session doReadSession(Serializable id) {
        List<byte[]> rows = jdbc.getObject().query("SELECT data FROM web_session WHERE id = ?", (rs, n) -> rs.getBytes(1), id);
        return rows.isEmpty() ? null : deserialize(rows.get(0));
    }

    @Override
    public void update(Session session) throws UnknownSessionException {
        SimpleSession s = (SimpleSession) session;
        Written last = written.get(s.getId());
        long access = s.getLastAccessTime().getTime();
        int fingerprint = fingerprint(s);
        if (last != null && last.fingerprint() == fingerprint && access - last.lastAccess() < TOUCH_WRITE_MS) {
            return;
        }
        int updated = jdbc.getObject().update("UPDATE web_session SET account_id = ?, last_access = ?, timeout_ms = ?, data = ? WHERE id = ?",
                accountId(s), new Timestamp(access), s.getTimeout(), serializeObject(s), s.getId());
        if (updated == 0) {
            written.remove(s.getId());
            throw new UnknownSessionException("session ended");
        }
        remember(s);
    }

    @Override
    public void delete(Session session) {
        written.remove(session.getId());
        jdbc.getObject().update("DELETE FROM web_session WHERE id = ?", session.getId());
    }

    /** Expired sessions are removed by {@link #purgeExpired()}, not by Shiro's validation scheduler. */
    @Override
    public Collection<Session> getActiveSessions() {
        return List.of();
    }

    /** Ends every session of an account, e.g. when it is disabled or its password is reset. */
    void deleteForAccount(long accountId) {
        jdbc.getObject().update("DELETE FROM web_session WHERE account_id = ?", accountId);
    }

    /** Ends every other session of an account, e.g. when its holder changed the password in this one. */
    void deleteForAccountExcept(long accountId, Serializable keptSessionId) {
        jdbc.getObject().update("DELETE FROM web_session WHERE account_id = ? AND id <> ?", accountId, keptSessionId);
    }

    /** Which of these sessions still exist (not logged out, not ended by an administrator, not expired). */
    Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        return new HashSet<>(jdbc.getObject().queryForList(
                "SELECT id FROM web_session WHERE id IN (" + marks + ")", String.class, ids.toArray()));
    }

    @Scheduled(fixedDelay = 300_000, initialDelay = 60_000)
    void purgeExpired() {
        // Shiro stamps sessions with the system time, so expiry is judged by it too.
        long now = System.currentTimeMillis();
        jdbc.getObject().update("DELETE FROM web_session WHERE last_access < ?", new Timestamp(now - IdentityConfig.SESSION_TIMEOUT_MS));
        written.entrySet().removeIf(e -> now - e.getValue().lastAccess() > IdentityConfig.SESSION_TIMEOUT_MS);
    }

    private void remember(SimpleSession s) {
        written.put(s.getId(), new Written(s.getLastAccessTime().getTime(), fingerprint(s)));
    }

    /** Everything about a session but its last-access time. */
    private static int fingerprint(SimpleSession s) {
        HashMap<Object, Object> attributes = s.getAttributes() == null ? new HashMap<>() : new HashMap<>(s.getAttributes());
        return Objects.hash(Arrays.hashCode(serializeObject(attributes)), s.getTimeout(), s.isExpired(), s.getStopTimestamp());
    }

    private static Long accountId(SimpleSession s) {
        Object principals = s.getAttribute(DefaultSubjectContext.PRINCIPALS_SESSION_KEY);
        if (principals instanceof PrincipalCollection pc && pc.getPrimaryPrincipal() instanceof CurrentUser user) {
            return user.accountId();
        }
        return null;
    }

    private static byte[] serializeObject(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store session", e);
        }
        return bytes.toByteArray();
    }

    private static SimpleSession deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ALLOWED);
            return (SimpleSession) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            // A session written by an incompatible version is simply gone: the user logs in again.
            return null;
        }
    }
}

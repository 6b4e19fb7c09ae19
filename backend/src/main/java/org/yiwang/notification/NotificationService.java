package org.yiwang.notification;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;

import org.springframework.stereotype.Service;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

/** The in-app message centre of applicants and staff. */
@Service
public class NotificationService {

    private final NotificationMapper mapper;
    private final Clock clock;

    NotificationService(NotificationMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public void send(long accountId, String title, String body, String applicationNo) {
        mapper.insert(accountId, LocalDateTime.now(clock), title, body, applicationNo);
    }

    public void send(Collection<Long> accountIds, String title, String body, String applicationNo) {
        accountIds.forEach(id -> send(id, title, body, applicationNo));
    }

    public PageResult<Notification> inbox(long accountId, Paging paging) {
        return paging.result(mapper.find(accountId, paging.offset(), paging.size()), mapper.count(accountId));
    }

    public long unread(long accountId) {
        return mapper.countUnread(accountId);
    }

    public boolean markRead(long accountId, long id) {
        return mapper.markRead(accountId, id, LocalDateTime.now(clock)) > 0;
    }
}

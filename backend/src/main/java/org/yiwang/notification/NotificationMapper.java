package org.yiwang.notification;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface NotificationMapper {

    void insert(@Param("accountId") long accountId, @Param("at") LocalDateTime at, @Param("title") String title,
            @Param("body") String body, @Param("applicationNo") String applicationNo);

    List<Notification> find(@Param("accountId") long accountId, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("accountId") long accountId);

    long countUnread(@Param("accountId") long accountId);

    int markRead(@Param("accountId") long accountId, @Param("id") long id, @Param("at") LocalDateTime at);
}

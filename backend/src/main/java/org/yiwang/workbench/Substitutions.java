package org.yiwang.workbench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.notification.NotificationService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.Assignment;

/**
 * A clerk's substitute while away (代理人): a colleague of the same agency who sees and takes their tasks meanwhile;
 * hence whose work a clerk sees, and as whom they act on it.
 */
@Service
public class Substitutions {

    private final TaskMapper mapper;
    private final IdentityService identity;
    private final NotificationService notifications;
    private final StatutoryClock clock;
    private final Transactions transactions;

    Substitutions(TaskMapper mapper, IdentityService identity, NotificationService notifications, StatutoryClock clock,
            Transactions transactions) {
        this.mapper = mapper;
        this.identity = identity;
        this.notifications = notifications;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The clerk's substitute while away, if one is set. */
    public record Substitution(String toUsername, String displayName, LocalDate from, LocalDate to) {
    }

    public Substitution current() {
        TaskMapper.Substitution s = mapper.findSubstitution(identity.current().accountId());
        if (s == null) {
            return null;
        }
        CurrentUser substitute = identity.staffMember(s.substituteId()).orElse(null);
        return new Substitution(substitute == null ? null : substitute.username(),
                substitute == null ? null : substitute.displayName(), s.startsOn(), s.endsOn());
    }

    public Substitution set(Substitution request) {
        CurrentUser user = identity.current();
        CurrentUser substitute = colleague(user, request.toUsername());
        LocalDate today = clock.today();
        if (request.from() == null || request.to() == null || request.to().isBefore(request.from()) || request.to().isBefore(today)
                || request.from().plusDays(90).isBefore(request.to())) {
            throw ApiException.badParameter("to", "请填写不早于今天、不超过 90 天的外出期间");
        }
        return transactions.retryingDeadlocks(() -> {
            mapper.deleteSubstitution(user.accountId());
            mapper.insertSubstitution(user.accountId(), substitute.accountId(), request.from(), request.to());
            notifications.send(substitute.accountId(), "代理办理", user.displayName() + " 在 " + request.from() + " 至 "
                    + request.to() + " 外出期间，由您代为办理其待办任务。", null);
            return current();
        });
    }

    public void clear() {
        mapper.deleteSubstitution(identity.current().accountId());
    }

    /** A member of staff of the same agency, for transfer and delegation. */
    CurrentUser colleague(CurrentUser user, String username) {
        return identity.staffMember(username)
                .filter(t -> t.agencyId() != null && t.agencyId().equals(user.agencyId()) && t.accountId() != user.accountId())
                .orElseThrow(() -> ApiException.badParameter("toUsername", "只能委派给本单位的其他工作人员"));
    }

    /**
     * Whose work a clerk sees: their own, and — while colleagues who named them as substitute (代理人) are away —
     * those colleagues' tasks too.
     */
    record Scope(CurrentUser user, List<String> userIds, List<String> groups, Map<String, CurrentUser> absent) {
    }

    /**
     * Who the clerk acts as on this task: themselves, or — on an absent colleague's task — someone with that
     * colleague's agency and roles whose name in the timeline reads "赵受理（代 王受理）". Claims still go to
     * the clerk's own account.
     */
    CurrentUser effective(Scope scope, List<String> groups, String assignee) {
        CurrentUser user = scope.user();
        if (groups.stream().anyMatch(Assignment.groupsOf(user)::contains)) {
            return user;
        }
        CurrentUser away = assignee == null ? null : scope.absent().get(assignee);
        if (away == null) {
            away = groups.stream().map(scope.absent()::get).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return away == null ? user : new CurrentUser(user.accountId(), user.username(),
                user.displayName() + "（代 " + away.displayName() + "）", user.kind(), away.agencyId(), away.agencyName(),
                away.regionCode(), away.roles());
    }

    Scope scope(CurrentUser user) {
        List<String> ids = new ArrayList<>(List.of(String.valueOf(user.accountId())));
        List<String> groups = new ArrayList<>(Assignment.groupsOf(user));
        Map<String, CurrentUser> absent = new HashMap<>();
        for (long away : mapper.findSubstituted(user.accountId(), clock.today())) {
            identity.staffMember(away).ifPresent(colleague -> {
                ids.add(String.valueOf(away));
                absent.put(String.valueOf(away), colleague);
                Assignment.groupsOf(colleague).stream().filter(g -> !groups.contains(g)).forEach(g -> {
                    groups.add(g);
                    absent.put(g, colleague);
                });
            });
        }
        return new Scope(user, ids, groups, absent);
    }
}

package org.yiwang.workflow;

import static org.yiwang.workflow.ProcessContract.ACCEPT_GROUP;
import static org.yiwang.workflow.ProcessContract.DECIDE_GROUP;
import static org.yiwang.workflow.ProcessContract.HEAD_GROUP;
import static org.yiwang.workflow.ProcessContract.REVIEW_GROUP;
import static org.yiwang.workflow.ProcessContract.REVIEW_GROUPS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.Role;
import org.yiwang.region.Agency;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;

/**
 * Candidate groups are agency + role ({@code agency:1042:ACCEPT}). They are resolved when an application is
 * submitted, from the item's agency and — for cross-level items — from the applicant's place in the real
 * division tree; nothing names a particular agency.
 */
@Component
public class Assignment {

    /**
     * Departments that review construction and investment permits alongside the lead agency (联办), in the order
     * they sign when the review is sequential (依次审查), after the lead agency.
     */
    private static final List<String> JOINT_REVIEWERS = List.of("ZJJ", "ZRZY", "XFJY", "STHJ");

    private final RegionService regions;

    Assignment(RegionService regions) {
        this.regions = regions;
    }

    public static String group(long agencyId, Role role) {
        return "agency:" + agencyId + ":" + role.name();
    }

    /** The agency of a group, or null when it is none of the platform's agency groups (e.g. in a drawn model). */
    public static Long agencyOf(String group) {
        java.util.regex.Matcher m = group == null ? null : AGENCY_GROUP.matcher(group);
        return m != null && m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    private static final java.util.regex.Pattern AGENCY_GROUP = java.util.regex.Pattern.compile("agency:(\\d{1,18}):[A-Z_]+");

    /** The groups a member of staff works for: each of their roles at their agency. */
    public static List<String> groupsOf(CurrentUser user) {
        if (user.agencyId() == null) {
            return List.of();
        }
        return user.roles().stream().map(r -> group(user.agencyId(), r)).toList();
    }

    public boolean agencyExists(long id) {
        return regions.agencyByIdIfExists(id).isPresent();
    }

    public String agencyName(long id) {
        return regions.agency(id).name();
    }

    /**
     * The group variables of a process. The templates' own keys get what they use; any other key — a model an
     * administrator deployed — gets them all for the item's agency, so whichever of {@code ${acceptGroup}},
     * {@code ${reviewGroup}}, {@code ${decideGroup}}, {@code ${headGroup}} or the countersign's
     * {@code ${reviewGroups}} it names resolves.
     */
    Map<String, Object> variables(WorkflowService.Start s) {
        return switch (s.processKey()) {
            case ProcessContract.CROSS_LEVEL -> crossLevel(s);
            case ProcessContract.JOINT, ProcessContract.JOINT_ANY, ProcessContract.JOINT_SEQUENTIAL -> joint(s);
            case ProcessContract.STANDARD, ProcessContract.INSTANT -> agency(s.agencyId());
            default -> {
                Map<String, Object> all = new HashMap<>(agency(s.agencyId()));
                all.put(REVIEW_GROUPS, jointReviewers(s.agencyId()));
                yield Map.copyOf(all);
            }
        };
    }

    private static Map<String, Object> agency(long id) {
        return Map.of(ACCEPT_GROUP, group(id, Role.ACCEPT), REVIEW_GROUP, group(id, Role.REVIEW),
                DECIDE_GROUP, group(id, Role.APPROVE), HEAD_GROUP, group(id, Role.HEAD));
    }

    private Map<String, Object> joint(WorkflowService.Start s) {
        return Map.of(ACCEPT_GROUP, group(s.agencyId(), Role.ACCEPT), REVIEW_GROUPS, jointReviewers(s.agencyId()),
                DECIDE_GROUP, group(s.agencyId(), Role.APPROVE), HEAD_GROUP, group(s.agencyId(), Role.HEAD));
    }

    /** The lead agency's reviewers and those of the departments that review alongside it in its place. */
    private List<String> jointReviewers(long agencyId) {
        List<String> reviewers = new ArrayList<>();
        reviewers.add(group(agencyId, Role.REVIEW));
        Agency lead = regions.agencyByIdIfExists(agencyId).orElse(null);
        for (String department : lead == null ? List.<String>of() : JOINT_REVIEWERS) {
            regions.agencyByCode(lead.regionCode() + "-" + department)
                    .filter(a -> a.id() != lead.id())
                    .ifPresent(a -> reviewers.add(group(a.id(), Role.REVIEW)));
        }
        return reviewers;
    }

    /** Village service point → its township government → the city or county department of the item's kind. */
    private Map<String, Object> crossLevel(WorkflowService.Start s) {
        Region village = regions.find(s.regionCode()).filter(r -> "VILLAGE".equals(r.kind()))
                .orElseThrow(() -> ApiException.badParameter("regionCode", "跨层级事项须选择村（社区）"));
        Agency intake = agency("V" + village.code());
        Agency township = agency("T" + village.parentCode());
        Agency decider = regions.path(village.code()).stream()
                .filter(r -> !r.code().equals(RegionService.PROVINCE))
                .map(r -> regions.agencyByCode(r.code() + "-" + s.departmentCode()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + s.departmentCode() + " department above " + village.code()));
        return Map.of(ACCEPT_GROUP, group(intake.id(), Role.ACCEPT), REVIEW_GROUP, group(township.id(), Role.REVIEW),
                DECIDE_GROUP, group(decider.id(), Role.APPROVE), HEAD_GROUP, group(decider.id(), Role.HEAD));
    }

    private Agency agency(String code) {
        return regions.agencyByCode(code).orElseThrow(() -> new IllegalStateException("no agency " + code));
    }
}

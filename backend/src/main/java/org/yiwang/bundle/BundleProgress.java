package org.yiwang.bundle;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.application.ApplicationMaterials;
import org.yiwang.application.ApplicationService;
import org.yiwang.application.CaseSteps;
import org.yiwang.application.ApplicationStatus;
import org.yiwang.application.ApplicationView;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.Material;
import org.yiwang.common.Transactions;
import org.yiwang.identity.IdentityService;
import org.yiwang.license.LicenseService;

/**
 * Moves bundle cases on when their children change (orchestrated here rather than in a BPMN parent process):
 * after a child's change commits, a waiting child whose earlier items all issued their licences gets them as
 * its materials and is submitted; a refused required child ends the case with its reasons, and the others are
 * withdrawn or kept as the bundle says; when every child is done the case is concluded and its licences are
 * delivered together. Each step runs in a transaction of its own, for the applicant, and is conditional, so a
 * repeated or concurrent run does nothing twice. A sweep runs the same step for cases still waiting, in case the
 * node stopped between the child's commit and this step.
 */
@Component
class BundleProgress {

    private static final Logger log = LoggerFactory.getLogger(BundleProgress.class);

    private final BundleMapper mapper;
    private final BundleService bundles;
    private final ApplicationService applications;
    private final ApplicationMaterials materials;
    private final CaseSteps steps;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final LicenseService licenses;
    private final Transactions transactions;
    private final Clock clock;

    BundleProgress(BundleMapper mapper, BundleService bundles, ApplicationService applications, ApplicationMaterials materials, CaseSteps steps,
            CatalogService catalog,
            IdentityService identity, LicenseService licenses, Transactions transactions, Clock clock) {
        this.licenses = licenses;
        this.mapper = mapper;
        this.bundles = bundles;
        this.applications = applications;
        this.materials = materials;
        this.steps = steps;
        this.catalog = catalog;
        this.identity = identity;
        this.transactions = transactions;
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void childChanged(ApplicationService.Changed changed) {
        if (changed.status() == ApplicationStatus.DRAFT) {
            return;
        }
        BundleMapper.ChildRow child = mapper.findChildByApplication(changed.applicationNo());
        if (child != null) {
            advanceQuietly(child.bundleCaseId());
        }
    }

    @Scheduled(fixedDelayString = "${yiwang.bundles.sweep-ms:300000}", initialDelayString = "${yiwang.bundles.sweep-ms:300000}")
    void sweep() {
        long after = 0;
        for (List<Long> batch; !(batch = mapper.findWaitingCases(after, 100)).isEmpty();) {
            for (long id : batch) {
                after = id;
                advanceQuietly(id);
            }
        }
    }

    /** The clerk's step has committed whatever happens here: a failure is logged and left to the sweep. */
    private void advanceQuietly(long caseId) {
        try {
            advance(caseId);
        } catch (RuntimeException e) {
            log.warn("bundle case {} could not move on yet: {}", caseId, e.getMessage());
        }
    }

    void advance(long caseId) {
        transactions.separatelyRetryingDeadlocks(() -> {
            BundleMapper.CaseRow c = mapper.findCaseById(caseId);
            if (c != null && "RUNNING".equals(c.status())) {
                identity.onBehalfOf(c.applicantId(), () -> {
                    step(c);
                    return null;
                });
            }
            return null;
        });
    }

    private void step(BundleMapper.CaseRow c) {
        BundleDefinition d = bundles.parse(mapper.findBundle(c.bundleCode()).definition());
        List<BundleMapper.ChildRow> children = mapper.findChildren(c.id());
        Map<String, ApplicationView> apps = new HashMap<>();
        children.forEach(k -> apps.put(k.basicCode(), applications.get(k.applicationNo())));

        List<String> refusals = new ArrayList<>();
        for (BundleMapper.ChildRow k : children) {
            ApplicationView a = apps.get(k.basicCode());
            if (k.required() && failed(a)) {
                refusals.add(a.summary().itemName() + "：" + reason(a));
            }
        }
        if (!refusals.isEmpty()) {
            end(c, d, children, apps, refusals);
            return;
        }
        for (BundleMapper.ChildRow k : children) {
            if ("WAITING".equals(k.state())) {
                startIfReady(c, d, k, children, apps);
            }
        }
        boolean allDone = mapper.findChildren(c.id()).stream().allMatch(k -> "CANCELLED".equals(k.state())
                || !"WAITING".equals(k.state()) && done(steps.handle(k.applicationNo()).status()));
        if (allDone) {
            mapper.conclude(c.id(), "RUNNING", "CONCLUDED", "各事项均已办结，证照统一发放", LocalDateTime.now(clock));
        }
    }

    /** A waiting child starts once every earlier chosen item it follows issued its licence. */
    private void startIfReady(BundleMapper.CaseRow c, BundleDefinition d, BundleMapper.ChildRow k,
            List<BundleMapper.ChildRow> children, Map<String, ApplicationView> apps) {
        List<BundleDefinition.After> after = BundleCaseService.entry(d, k.basicCode()).afterOrEmpty().stream()
                .filter(a -> apps.containsKey(a.basicCode())).toList();
        if (after.stream().anyMatch(a -> apps.get(a.basicCode()).license() == null)) {
            return;
        }
        if (mapper.moveChild(k.id(), "WAITING", "STARTED", null) == 0) {
            return;
        }
        ApplicationView draft = apps.get(k.basicCode());
        // The licences' numbers (and a business licence's 统一社会信用代码) complete the form, which is checked whole.
        Map<String, Object> form = new LinkedHashMap<>(draft.formData() == null ? Map.of() : draft.formData());
        Set<String> keys = catalog.formFields(catalog.item(draft.summary().itemCode())).stream()
                .map(FormDefinition.Field::key).collect(Collectors.toSet());
        for (BundleDefinition.After a : after) {
            LicenseService.Particulars licence = licenses.particulars(apps.get(a.basicCode()).license().number());
            for (String field : BundleDefinition.licenceFilled(licence.kind())) {
                if (keys.contains(field)) {
                    form.put(field, BundleDefinition.USCC_FIELD.equals(field) ? licence.uscc() : licence.licenseNo());
                }
            }
        }
        applications.updateDraft(k.applicationNo(), new ApplicationService.ApplicationDraft(null, null, form));
        List<Material> itemMaterials = catalog.materials(catalog.item(draft.summary().itemCode()));
        for (BundleDefinition.After a : after) {
            Material m = itemMaterials.stream().filter(x -> x.name().equals(a.material())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("item " + k.basicCode() + " has no material " + a.material()));
            materials.attachLicense(k.applicationNo(), m.id(), apps.get(a.basicCode()).license().number());
        }
        applications.submit(k.applicationNo(), c.submitKey() + "-" + k.seq());
    }

    /** A required child refused: the case ends with the reasons; the others go as the bundle's rule says. */
    private void end(BundleMapper.CaseRow c, BundleDefinition d, List<BundleMapper.ChildRow> children,
            Map<String, ApplicationView> apps, List<String> refusals) {
        String outcome = "必办事项未获准予，一件事终止。" + String.join("；", refusals);
        if (mapper.conclude(c.id(), "RUNNING", "ENDED", outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome,
                LocalDateTime.now(clock)) == 0) {
            return;
        }
        boolean withdrawOthers = "WITHDRAW_OTHERS".equals(d.onRefusal());
        for (BundleMapper.ChildRow k : children) {
            ApplicationStatus status = apps.get(k.basicCode()).summary().status();
            boolean waiting = "WAITING".equals(k.state());
            if ((waiting || withdrawOthers) && ApplicationStatus.WITHDRAWABLE.contains(status)) {
                applications.withdraw(k.applicationNo(), "一件事中必办事项未获准予，本事项随之撤回");
                mapper.moveChild(k.id(), k.state(), "CANCELLED", "必办事项未获准予，随之撤回");
            }
        }
    }

    private static boolean failed(ApplicationView a) {
        ApplicationStatus s = a.summary().status();
        return s == ApplicationStatus.NOT_ACCEPTED || s == ApplicationStatus.REJECTED || s == ApplicationStatus.WITHDRAWN
                || done(s) && a.result() != null && !"APPROVED".equals(a.result().decision());
    }

    private static String reason(ApplicationView a) {
        String why = a.result() == null || a.result().reason() == null ? "" : "，" + a.result().reason();
        return a.summary().statusName() + why;
    }

    private static boolean done(ApplicationStatus s) {
        return s == ApplicationStatus.CONCLUDED || s == ApplicationStatus.DELIVERED || s == ApplicationStatus.NOT_ACCEPTED
                || s == ApplicationStatus.WITHDRAWN;
    }
}

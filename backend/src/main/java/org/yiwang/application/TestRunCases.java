package org.yiwang.application;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.timelimit.StatutoryClock;
import org.yiwang.workflow.WorkflowService;

/**
 * The applications of test runs (试运行) of process models: flagged {@code test_run}, numbered outside the real
 * sequence, invisible to applicants, clerks and every count; only the administrator walks them, then they go.
 */
@Service
public class TestRunCases {

    private final ApplicationMapper mapper;
    private final CaseRecords cases;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final WorkflowService workflow;
    private final StatutoryClock statutoryClock;
    private final Clock clock;

    TestRunCases(ApplicationMapper mapper, CaseRecords cases, CatalogService catalog, IdentityService identity,
            WorkflowService workflow, StatutoryClock statutoryClock, Clock clock) {
        this.mapper = mapper;
        this.cases = cases;
        this.catalog = catalog;
        this.identity = identity;
        this.workflow = workflow;
        this.statutoryClock = statutoryClock;
        this.clock = clock;
    }

    /** A test application: its number and the process it runs. */
    public record TestRun(String applicationNo, String processInstanceId) {
    }

    /** Starts a test application of an item on a sandbox process definition, submitted at once. */
    @Transactional
    public TestRun start(String itemCode, String processKey, String processDefinitionId) {
        CurrentUser admin = identity.current();
        Item item = catalog.item(itemCode);
        LocalDateTime now = LocalDateTime.now(clock);
        ApplicationMapper.NewApplication n = new ApplicationMapper.NewApplication();
        n.applicationNo = "TEST-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        n.itemId = item.id();
        n.agencyId = item.agencyId();
        n.regionCode = item.regionCode();
        n.applicantId = admin.accountId();
        n.formData = "{}";
        n.limitDays = item.instant() ? 0 : Math.min(item.promisedLimitDays(), StatutoryClock.DECISION_DAYS);
        n.testRun = true;
        n.now = now;
        mapper.insert(n);
        Application a = mapper.findById(n.id);
        a.status = ApplicationStatus.SUBMITTED;
        a.submittedAt = now;
        a.acceptDeadline = item.instant() ? null : statutoryClock.acceptDeadline(now.toLocalDate());
        a.dueDate = item.instant() ? now.toLocalDate() : cases.conclusionDue(a, now.toLocalDate());
        a.processInstanceId = workflow.startTestRun(new WorkflowService.Start(processKey, a.applicationNo, a.agencyId,
                a.regionCode, item.regionCode(), item.departmentCode(), a.acceptDeadline), processDefinitionId);
        cases.save(a);
        cases.event(a, "TEST_RUN", Actor.of(admin, null), processKey);
        return new TestRun(a.applicationNo, a.processInstanceId);
    }

    /** A test application with its timeline; 404 for a real one. */
    public ApplicationView get(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a == null || !a.testRun) {
            throw ApiException.notFound("试运行办件 " + no);
        }
        return cases.view(a);
    }

    /** Removes a test application and its timeline; a real application is never touched. */
    @Transactional
    public void end(String no) {
        Application a = no == null ? null : mapper.findByNo(no);
        if (a != null && a.testRun) {
            mapper.deleteTestRunEvents(a.id);
            mapper.deleteTestRun(a.id);
        }
    }
}

package org.yiwang.workbench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.yiwang.application.CaseSteps;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.workflow.Assignment;
import org.yiwang.workflow.OpenTask;
import org.yiwang.workflow.TaskEngine;
import org.yiwang.workflow.WorkflowService;

/**
 * Countersign steps (会签 all, 或签 any one, 依次 one after another): their signers, 加签 and 减签, and the timeline
 * of the signers a 或签 step cancelled. The workbench checks who may act before it calls here.
 */
@Component
public class Countersigns {

    private final TaskEngine tasks;
    private final WorkflowService workflow;
    private final Assignment assignment;
    private final CaseSteps steps;
    private final IdentityService identity;

    Countersigns(TaskEngine tasks, WorkflowService workflow, Assignment assignment, CaseSteps steps, IdentityService identity) {
        this.tasks = tasks;
        this.workflow = workflow;
        this.assignment = assignment;
        this.steps = steps;
        this.identity = identity;
    }

    /** One signer of a countersign step: agency, state (DONE, PENDING, WAITING), and whether this clerk may remove it. */
    public record SignerView(String taskId, Long agencyId, String agencyName, WorkflowService.SignerState state,
            String assignee, LocalDateTime endedAt, boolean removable) {
    }

    public record Signers(WorkflowService.Countersign countersign, List<SignerView> signers, boolean canAdd,
            boolean canAddBefore) {
    }

    /** The signers of the countersign step a task belongs to, with what the clerk's actions on it allow. */
    Signers signers(OpenTask task, List<Action> actions) {
        WorkflowService.Countersign kind = workflow.countersign(task.processDefinitionId(), task.key());
        if (kind == null) {
            throw ApiException.notFound("任务 " + task.id() + " 的会签");
        }
        boolean canRemove = actions.contains(Action.REMOVE_SIGNER);
        List<SignerView> signers = workflow.signers(task).stream().map(s -> {
            Long agencyId = Assignment.agencyOf(s.group());
            boolean removable = canRemove && (s.state() == WorkflowService.SignerState.WAITING
                    || s.state() == WorkflowService.SignerState.PENDING && kind != WorkflowService.Countersign.SEQUENTIAL
                            && !task.id().equals(s.taskId()));
            return new SignerView(s.taskId(), agencyId, agencyId == null ? s.group() : assignment.agencyName(agencyId), s.state(),
                    s.assignee() == null ? null : identity.displayNameOf(Long.parseLong(s.assignee())), s.endedAt(), removable);
        }).toList();
        boolean canAdd = actions.contains(Action.ADD_SIGNER);
        return new Signers(kind, signers, canAdd, canAdd && kind == WorkflowService.Countersign.SEQUENTIAL);
    }

    /** The lead agency manages the signers; on a sequential step whoever's turn it is may also 加签 before or after. */
    boolean manages(Action action, OpenTask task, boolean lead) {
        return lead || action == Action.ADD_SIGNER && workflow.countersign(task.processDefinitionId(),
                task.key()) == WorkflowService.Countersign.SEQUENTIAL;
    }

    void add(OpenTask task, CurrentUser user, String no, WorkbenchService.ActionRequest body, String opinion) {
        if (body.agencyId() == null || !assignment.agencyExists(body.agencyId())) {
            throw ApiException.badParameter("agencyId", "请选择加签的部门");
        }
        String group = Assignment.group(body.agencyId(), Role.REVIEW);
        boolean sequential = workflow.countersign(task.processDefinitionId(), task.key())
                == WorkflowService.Countersign.SEQUENTIAL;
        String position = body.position() == null ? "AFTER" : body.position();
        if (!Set.of("BEFORE", "AFTER").contains(position) || !sequential && position.equals("BEFORE")) {
            throw ApiException.badParameter("position", sequential ? "position 须为 BEFORE 或 AFTER" : "并行会签不分先后，不能前加签");
        }
        boolean signing = tasks.offeredTo(task.processInstanceId(), group);
        if (signing || sequential && workflow.waitingSigners(task.executionId()).contains(group)) {
            throw ApiException.conflict("SIGNER_EXISTS", "该部门已在会签中");
        }
        String agency = assignment.agencyName(body.agencyId());
        if (sequential) {
            workflow.insertSigner(task, group, position.equals("BEFORE"));
            agency += position.equals("BEFORE") ? "（在本部门之前审查）" : "（在本部门之后审查）";
        } else {
            workflow.addSigner(task.processInstanceId(), task.key(), group);
        }
        steps.recorded(no, WorkbenchService.actor(user, Role.REVIEW), "ADD_SIGNER", agency + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
    }

    /** 减签: a parallel signer's open task (by its id), or an agency still waiting for its turn on a sequential step. */
    void remove(OpenTask task, CurrentUser user, String no, WorkbenchService.ActionRequest body, String opinion) {
        String removed;
        if (body.signerTaskId() != null) {
            OpenTask signer = tasks.openOfStep(body.signerTaskId(), task.processInstanceId(), task.key()).orElse(null);
            if (signer == null || signer.id().equals(task.id())) {
                throw ApiException.badParameter("signerTaskId", "请选择要减去的会签任务（不能是自己的）");
            }
            removed = tasks.candidateGroups(signer.id()).stream().map(Assignment::agencyOf).filter(Objects::nonNull).findFirst()
                    .map(assignment::agencyName).orElse(signer.name());
            workflow.removeSigner(signer.executionId());
        } else {
            String group = body.agencyId() == null ? null : Assignment.group(body.agencyId(), Role.REVIEW);
            if (group == null || workflow.countersign(task.processDefinitionId(), task.key())
                    != WorkflowService.Countersign.SEQUENTIAL || !workflow.waitingSigners(task.executionId()).contains(group)) {
                throw ApiException.badParameter("agencyId", "请选择尚未轮到审查的部门");
            }
            removed = assignment.agencyName(body.agencyId());
            workflow.removeWaitingSigner(task.executionId(), group);
        }
        steps.recorded(no, WorkbenchService.actor(user, Role.REVIEW), "REMOVE_SIGNER", removed
                + (opinion == null || opinion.isEmpty() ? "" : "：" + opinion));
    }

    /** The other open tasks of the countersign step this task belongs to; none when it is no countersign step. */
    List<OpenTask> openSiblings(OpenTask task) {
        if (workflow.countersign(task.processDefinitionId(), task.key()) == null) {
            return List.of();
        }
        return tasks.openOfStep(task.processInstanceId(), task.key()).stream().filter(t -> !t.id().equals(task.id())).toList();
    }

    /** 或签: once one agency's review completes the step, the others' tasks are gone; the timeline names them. */
    void recordCancelled(String no, CurrentUser user, List<OpenTask> siblings) {
        List<String> cancelled = new ArrayList<>();
        for (OpenTask t : siblings) {
            if (!tasks.isOpen(t.id())) {
                tasks.formerCandidateGroups(t.id()).stream().map(Assignment::agencyOf)
                        .filter(Objects::nonNull).findFirst()
                        .ifPresent(agency -> cancelled.add(assignment.agencyName(agency)));
            }
        }
        if (!cancelled.isEmpty()) {
            steps.recorded(no, WorkbenchService.actor(user, Role.REVIEW), "SIGNERS_CANCELLED", "或签：" + user.agencyName()
                    + "已审查，" + String.join("、", cancelled) + "无需再审查，其任务已取消");
        }
    }
}

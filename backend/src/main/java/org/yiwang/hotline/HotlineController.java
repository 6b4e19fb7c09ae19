package org.yiwang.hotline;

import java.util.List;

import org.apache.shiro.authz.annotation.Logical;
import org.apache.shiro.authz.annotation.RequiresAuthentication;
import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.Public;
import org.yiwang.identity.IdentityService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping("/api/v1/hotline")
@Tag(name = "hotline", description = "12345 政务服务便民热线")
class HotlineController {

    private final HotlineService tickets;
    private final TicketLifecycle lifecycle;
    private final HotlineReference reference;

    HotlineController(HotlineService tickets, TicketLifecycle lifecycle, HotlineReference reference) {
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.reference = reference;
    }

    record ClassNode(String code, String name, int level, String parentCode) {
    }

    record TypeInfo(String code, String name) {
    }

    record Meta(List<TypeInfo> types, List<ClassNode> classes) {
    }

    @GetMapping("/classes")
    @Public
    @Operation(summary = "Ticket types and the three-level classification (GB/T 39666 structure)")
    Meta classes() {
        return new Meta(java.util.Arrays.stream(TicketType.values()).map(t -> new TypeInfo(t.name(), t.label())).toList(),
                reference.classes().stream().map(c -> new ClassNode(c.code(), c.name(), c.level(), c.parentCode())).toList());
    }

    @PostMapping("/consultations")
    @Public
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "匿名咨询: a consultation without logging in (type CONSULT), answered to the phone given")
    TicketView consult(@RequestBody HotlineService.Intake intake, HttpServletRequest request) {
        return tickets.consult(intake, IdentityService.addressOf(request));
    }

    @PostMapping("/tickets")
    @RequiresAuthentication
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File a ticket: an applicant for themselves, an operator for a caller (phone intake)")
    TicketView file(@RequestBody HotlineService.Intake intake) {
        return tickets.file(intake);
    }

    @GetMapping("/tickets")
    @RequiresAuthentication
    @Operation(summary = "Tickets the caller may see; view = mine | pending | agency | supervise | all; phone = caller history (centre)")
    PageResult<TicketView> list(@RequestParam(required = false) String view, @RequestParam(required = false) String state,
            @RequestParam(required = false) String type, @RequestParam(required = false) String phone,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return tickets.list(view, state, type, phone, Paging.of(page, size));
    }

    @GetMapping("/tickets/{no}")
    @RequiresAuthentication
    TicketView get(@PathVariable String no) {
        return tickets.get(no);
    }

    @PostMapping("/tickets/{no}/answer")
    @RequiresPermissions("hotline:intake")
    @Operation(summary = "直接答复: the operator answers at once, citing a knowledge-base entry or not, and the ticket ends")
    TicketView answer(@PathVariable String no, @RequestBody TicketLifecycle.Answer answer) {
        return lifecycle.answer(no, answer);
    }

    @PostMapping("/tickets/{no}/dispatch")
    @RequiresPermissions("hotline:dispatch")
    @Operation(summary = "按责转办 to an agency (the ticket shows the duty list's suggestion)")
    TicketView dispatch(@PathVariable String no, @RequestBody TicketLifecycle.Route route) {
        return lifecycle.dispatch(no, route);
    }

    @PostMapping("/tickets/{no}/merge")
    @RequiresPermissions("hotline:dispatch")
    TicketView merge(@PathVariable String no, @RequestBody TicketLifecycle.Merge merge) {
        return lifecycle.merge(no, merge);
    }

    @PostMapping("/tickets/{no}/extension/decision")
    @RequiresPermissions("hotline:dispatch")
    TicketView decideExtension(@PathVariable String no, @RequestBody TicketLifecycle.Decision decision) {
        return lifecycle.decideExtension(no, decision);
    }

    @PostMapping("/tickets/{no}/sign")
    @RequiresPermissions("hotline:handle")
    TicketView sign(@PathVariable String no) {
        return lifecycle.sign(no);
    }

    @PostMapping("/tickets/{no}/reply")
    @RequiresPermissions("hotline:handle")
    TicketView reply(@PathVariable String no, @RequestBody TicketLifecycle.Text reply) {
        return lifecycle.reply(no, reply);
    }

    @PostMapping("/tickets/{no}/return")
    @RequiresPermissions("hotline:handle")
    @Operation(summary = "退单 with its reason: back to the dispatcher, or to the supervisor after three returns")
    TicketView returnTicket(@PathVariable String no, @RequestBody TicketLifecycle.Text reason) {
        return lifecycle.returnTicket(no, reason);
    }

    @PostMapping("/tickets/{no}/extension")
    @RequiresPermissions("hotline:handle")
    TicketView requestExtension(@PathVariable String no, @RequestBody TicketLifecycle.ExtensionRequest request) {
        return lifecycle.requestExtension(no, request);
    }

    @PostMapping("/tickets/{no}/rating")
    @RequiresPermissions("evaluation:rate")
    @Operation(summary = "The citizen rates the reply; UNSATISFIED within the window reopens it (重办)")
    TicketView rate(@PathVariable String no, @RequestBody TicketLifecycle.Rating rating) {
        return lifecycle.rate(no, rating);
    }

    @PostMapping("/tickets/{no}/escalation/decision")
    @RequiresPermissions("hotline:supervise")
    @Operation(summary = "提级督办: the supervisor names the agency that handles an escalated ticket")
    TicketView decideEscalation(@PathVariable String no, @RequestBody TicketLifecycle.Route route) {
        return lifecycle.decideEscalation(no, route);
    }

    @GetMapping("/progress")
    @Public
    @Operation(summary = "Public progress by ticket number and the last four digits of the phone number")
    TicketViews.Progress progress(@RequestParam(required = false) String ticketNo,
            @RequestParam(required = false) String phoneSuffix, HttpServletRequest request) {
        return tickets.progress(ticketNo, phoneSuffix, IdentityService.addressOf(request));
    }

    @GetMapping("/indicators")
    @RequiresPermissions(value = { "hotline:dispatch", "hotline:supervise" }, logical = Logical.OR)
    @Operation(summary = "Per agency: 响应率, 办结率, on-time replies, 满意率, reopen rate over tickets received from..to")
    List<Indicator> indicators(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return tickets.indicators(from, to);
    }

    @GetMapping("/duties")
    @RequiresPermissions(value = { "hotline:dispatch", "item:edit" }, logical = Logical.OR)
    @Operation(summary = "职责清单: class × region → agency")
    PageResult<HotlineMapper.Duty> duties(@RequestParam(required = false) String classCode,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return reference.duties(classCode, regionCode, Paging.of(page, size));
    }

    @PutMapping("/duties")
    @RequiresPermissions("item:edit")
    @Operation(summary = "An administrator names the agency responsible for a class in a region of their subtree")
    HotlineMapper.Duty putDuty(@RequestBody HotlineReference.DutyChange change) {
        return reference.putDuty(change);
    }
}

package org.yiwang.supervision.card;

import org.apache.shiro.authz.annotation.RequiresPermissions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "supervision", description = "电子监察亮牌")
@RequiresPermissions("supervision:read")
class CardController {

    private static final java.util.Set<String> STATES = java.util.Set.of("OPEN", "ANSWERED", "ACCEPTED", "REJECTED");

    private final CardService cards;

    CardController(CardService cards) {
        this.cards = cards;
    }

    record Note(String note) {
    }

    @GetMapping("/api/v1/supervision/cards")
    @Operation(summary = "Cards (亮牌) on cases of the caller's region, newest first")
    PageResult<Card> list(@RequestParam(required = false) String status, @RequestParam(required = false) String applicationNo,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String state = status == null || status.isBlank() ? null : status;
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badParameter("status", "状态须为 OPEN、ANSWERED、ACCEPTED 或 REJECTED");
        }
        return cards.list(state, applicationNo == null || applicationNo.isBlank() ? null : applicationNo.trim(), Paging.of(page, size));
    }

    @GetMapping("/api/v1/supervision/cases/{no}")
    @Operation(summary = "A case of the caller's region as supervision sees it: each step's own clock and the cards on it")
    CardService.CaseView caseView(@PathVariable String no) {
        return cards.caseView(no);
    }

    @PostMapping("/api/v1/supervision/cards/{id}/answer")
    @Operation(summary = "情况说明 by the agency's supervisor")
    Card answer(@PathVariable long id, @RequestBody Note body) {
        return cards.answer(id, body == null ? null : body.note());
    }

    @PostMapping("/api/v1/supervision/cards/{id}/accept")
    @Operation(summary = "The province accepts the answer and closes the card")
    Card accept(@PathVariable long id, @RequestBody(required = false) Note body) {
        return cards.decide(id, true, body == null ? null : body.note());
    }

    @PostMapping("/api/v1/supervision/cards/{id}/reject")
    @Operation(summary = "The province rejects the answer: it is to be given again")
    Card reject(@PathVariable long id, @RequestBody Note body) {
        return cards.decide(id, false, body == null ? null : body.note());
    }
}

package org.yiwang.assistant;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@Public
@RequestMapping("/api/v1/assistant")
@Tag(name = "assistant", description = "智能问答（公开）")
class AssistantController {

    private final AssistantService assistant;

    AssistantController(AssistantService assistant) {
        this.assistant = assistant;
    }

    @PostMapping("/ask")
    @Operation(summary = "Ask the assistant: an answer from the guides that cites its items",
            description = "智能客服：question 为问题（≤200 字），regionCode 可选；回答 answer 只由所引用事项 items 的办事指南生成，"
                    + "每个事项含材料、时限、收费与办理部门及申请链接；clarify 为需要补充的信息（个人或企业、哪个市县），"
                    + "suggestions 为追问建议，handover 为转人工（12345）；按来源地址限流")
    AssistantService.Answer ask(@RequestBody(required = false) AssistantService.Ask request, HttpServletRequest http) {
        return assistant.ask(request, http.getRemoteAddr());
    }
}

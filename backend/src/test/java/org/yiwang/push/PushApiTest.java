package org.yiwang.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** 智能推送 as a resident sees it: follow an item, read the administrator's guide change in the message centre. */
@IntegrationTest
class PushApiTest {

    private static final String ITEMS = "/api/v1/admin/items";
    private static final String SUBSCRIPTIONS = "/api/v1/push/subscriptions";

    @LocalServerPort
    int port;

    private static List<String> titles(Api api) {
        List<String> titles = new ArrayList<>();
        api.get("/api/v1/notifications", "size", 50).json().path("items").forEach(n -> titles.add(n.path("title").asText()));
        return titles;
    }

    @Test
    void aFollowerIsToldOfAGuideChangeAndNoOneElse() {
        Journeys j = new Journeys(port);
        Api admin = Personas.login(port, "admin");
        Map<String, Object> body = j.itemBody("推送测试用摊位登记", "standard");
        JsonNode created = admin.post(ITEMS, body).json();
        String code = created.path("code").asText();
        assertThat(admin.post(ITEMS + "/" + code + "/publish", Map.of("version", 1)).status()).isEqualTo(200);

        Api follower = Personas.login(port, "applicant");
        Api other = Personas.login(port, "company");
        assertThat(follower.get(SUBSCRIPTIONS + "/" + code).json().path("following").asBoolean()).isFalse();
        // Two clicks follow once.
        assertThat(follower.put(SUBSCRIPTIONS + "/" + code, Map.of()).json().path("following").asBoolean()).isTrue();
        assertThat(follower.put(SUBSCRIPTIONS + "/" + code, Map.of()).status()).isEqualTo(200);
        JsonNode mine = follower.get(SUBSCRIPTIONS).json();
        List<String> followed = new ArrayList<>();
        mine.forEach(s -> followed.add(s.path("itemCode").asText()));
        assertThat(followed).containsOnlyOnce(code);
        assertThat(mine.get(0).path("itemName").asText()).isEqualTo("推送测试用摊位登记");
        long unreadBefore = follower.get("/api/v1/notifications/unread").json().path("unread").asLong();

        body.put("version", 2);
        body.put("promisedLimitDays", 3);
        assertThat(admin.put(ITEMS + "/" + code, body).status()).isEqualTo(200);

        String title = "您关注的事项办事指南已更新：推送测试用摊位登记";
        assertThat(titles(follower)).contains(title);
        assertThat(follower.get("/api/v1/notifications/unread").json().path("unread").asLong()).isEqualTo(unreadBefore + 1);
        assertThat(titles(other)).doesNotContain(title);
        // The open page hears of it live: the stream's first event carries the unread count.
        Api.Response stream = follower.get("/api/v1/notifications/events");
        assertThat(stream.body()).contains("event:unread").contains("data:" + (unreadBefore + 1));

        // Unfollowed, the next change is not pushed.
        assertThat(follower.send(java.net.http.HttpRequest.newBuilder(follower.uri(SUBSCRIPTIONS + "/" + code)).DELETE())
                .json().path("following").asBoolean()).isFalse();
        body.put("version", 3);
        body.put("promisedLimitDays", 4);
        assertThat(admin.put(ITEMS + "/" + code, body).status()).isEqualTo(200);
        assertThat(titles(follower).stream().filter(title::equals)).hasSize(1);
        assertThat(follower.get(SUBSCRIPTIONS).json().findValuesAsText("itemCode")).doesNotContain(code);
    }

    @Test
    void onlyPublishedItemsCanBeFollowedAndOnlyByApplicants() {
        Api applicant = Personas.login(port, "applicant");
        assertProblem(applicant.put(SUBSCRIPTIONS + "/NO-SUCH-ITEM", Map.of()), 404, "NOT_FOUND");
        assertProblem(applicant.put(SUBSCRIPTIONS + "/" + "x".repeat(41), Map.of()), 404, "NOT_FOUND");
        assertThat(Personas.login(port, "hk.accept").put(SUBSCRIPTIONS + "/XK0001-4601", Map.of()).status()).isEqualTo(403);
        assertThat(new Api(port).get(SUBSCRIPTIONS).status()).isEqualTo(401);
    }
}

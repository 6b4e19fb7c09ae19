package org.yiwang.common;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/** Tomcat's own error page as a problem detail, for requests it refuses before the application sees them. */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String title = status < 500 ? "Bad Request" : "Internal Server Error";
            String code = status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
            String detail = status < 500 ? "请求不合法" : "系统内部错误，请稍后重试";
            if (throwable != null && ProblemHandler.databaseUnavailable(throwable)) {
                // The error page could not answer either: it too passes Shiro's filter, which reads the session.
                status = 503;
                response.setStatus(status);
                response.setHeader("Retry-After", "5");
                title = "Service Unavailable";
                code = "SERVICE_UNAVAILABLE";
                detail = "服务暂时不可用，请稍后重试";
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone; nothing more can be said to it.
        }
    }
}

package org.yiwang.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Request bodies read into objects ({@code @RequestBody}, i.e. JSON) are refused above a size with 413, before
 * they fill the heap: at once when the declared length is too big, else when the read passes the limit.
 * File uploads are multipart and keep their own limits ({@code spring.servlet.multipart.*}); a route marked
 * {@link LargeBody} has its own.
 */
@ControllerAdvice
class JsonBodyLimit extends RequestBodyAdviceAdapter {

    private final long maxBytes;

    JsonBodyLimit(@Value("${yiwang.security.max-json-body:256KB}") DataSize max) {
        this.maxBytes = max.toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converter) throws IOException {
        LargeBody large = parameter.getMethodAnnotation(LargeBody.class);
        long max = large == null ? maxBytes : large.megabytes() * 1024L * 1024L;
        if (input.getHeaders().getContentLength() > max) {
            throw tooLarge(max);
        }
        InputStream limited = new FilterInputStream(input.getBody()) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > max) {
                    throw tooLarge(max);
                }
            }
        };
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return limited;
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "请求内容超过大小上限（" + max / 1024 + " KB）", null);
    }
}

package io.hardening.reasoning.web;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;

/**
 * Reads a {@link QueryRequest} in a reactive application without blocking: the content
 * type is checked before the body is read, a body announced over the limit is refused
 * before it is read, and no more than the limit is ever buffered.
 */
public final class QueryRequestReader implements HttpMessageReader<QueryRequest> {

	private final ReasoningApi api;

	QueryRequestReader(ReasoningApi api) {
		this.api = api;
	}

	@Override
	public List<MediaType> getReadableMediaTypes() {
		return List.of(MediaType.ALL);
	}

	@Override
	public boolean canRead(ResolvableType elementType, MediaType mediaType) {
		return QueryRequest.class == elementType.toClass();
	}

	@Override
	public Flux<QueryRequest> read(ResolvableType elementType, ReactiveHttpInputMessage message,
			Map<String, Object> hints) {
		return readMono(elementType, message, hints).flux();
	}

	@Override
	public Mono<QueryRequest> readMono(ResolvableType elementType, ReactiveHttpInputMessage message,
			Map<String, Object> hints) {
		HttpHeaders headers = message.getHeaders();
		try {
			ReasoningApi.checkContentType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
			if (headers.getContentLength() > this.api.maxBodySize()) {
				throw this.api.tooLong();
			}
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return DataBufferUtils.join(message.getBody(), this.api.maxBodySize()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.onErrorMap((ex) -> (ex instanceof DataBufferLimitException) ? this.api.tooLong()
					: new ClientAbortedException(ex))
			.map((body) -> new QueryRequest(this.api.queryFromBody(body)));
	}

}

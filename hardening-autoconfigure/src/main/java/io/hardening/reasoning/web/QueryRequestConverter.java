package io.hardening.reasoning.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * Reads a {@link QueryRequest} in a servlet (Spring MVC) application: the content type is
 * checked before the body is read, a body announced over the limit is refused before it
 * is read, and no more than the limit is ever read.
 */
public final class QueryRequestConverter implements HttpMessageConverter<QueryRequest> {

	private final ReasoningApi api;

	QueryRequestConverter(ReasoningApi api) {
		this.api = api;
	}

	@Override
	public boolean canRead(Class<?> type, MediaType mediaType) {
		return QueryRequest.class == type;
	}

	@Override
	public boolean canWrite(Class<?> type, MediaType mediaType) {
		return false;
	}

	@Override
	public List<MediaType> getSupportedMediaTypes() {
		return List.of(MediaType.ALL);
	}

	@Override
	public QueryRequest read(Class<? extends QueryRequest> type, HttpInputMessage message) {
		HttpHeaders headers = message.getHeaders();
		ReasoningApi.checkContentType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
		if (headers.getContentLength() > this.api.maxBodySize()) {
			throw this.api.tooLong();
		}
		byte[] body;
		try (InputStream in = message.getBody()) {
			body = in.readNBytes(this.api.maxBodySize() + 1);
		}
		catch (IOException ex) {
			throw new ClientAbortedException(ex);
		}
		return new QueryRequest(this.api.queryFromBody(body));
	}

	@Override
	public void write(QueryRequest request, MediaType contentType, HttpOutputMessage message) {
		throw new UnsupportedOperationException("QueryRequest is read only");
	}

}

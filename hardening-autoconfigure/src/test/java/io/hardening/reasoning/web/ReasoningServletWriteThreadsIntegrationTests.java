package io.hardening.reasoning.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a servlet application the stream is written on Spring MVC's bounded write executor,
 * never on the threads the models' events arrive on (there, a blocking socket write to a
 * slow client would stall every stream of that event loop, and the models' budgets with
 * them).
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
				"hardening.reasoning.provider=simulated", "hardening.reasoning.simulated.flash-latency=50ms",
				"hardening.reasoning.simulated.pro-latency=100ms", "hardening.reasoning.heartbeat=20ms",
				"hardening.storage.enabled=false" })
@Import(ReasoningServletWriteThreadsIntegrationTests.WriteThreads.class)
class ReasoningServletWriteThreadsIntegrationTests {

	static final Set<String> writers = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	private int port;

	@Test
	void eventsAreWrittenOnTheWriteExecutorNotOnTheModelsThreads() {
		writers.clear();
		List<String> body = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/api/reasoning/query?query=threads")
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(body).isNotEmpty();
		assertThat(writers).isNotEmpty()
			.noneMatch((name) -> name.startsWith("parallel-") || name.startsWith("reactor-"))
			.anyMatch((name) -> name.startsWith("hardening-mvc-write-"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class WriteThreads {

		@Bean
		FilterRegistrationBean<Filter> writeThreadsFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response,
					chain) -> chain.doFilter(request, new RecordingResponse((HttpServletResponse) response)));
			registration.addUrlPatterns("/api/reasoning/*");
			registration.setAsyncSupported(true);
			return registration;
		}

	}

	static final class RecordingResponse extends HttpServletResponseWrapper {

		private ServletOutputStream out;

		RecordingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public synchronized ServletOutputStream getOutputStream() throws IOException {
			if (this.out == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.out = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						writers.add(Thread.currentThread().getName());
						delegate.write(b);
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						writers.add(Thread.currentThread().getName());
						delegate.write(b, off, len);
					}

					@Override
					public void flush() throws IOException {
						delegate.flush();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						delegate.setWriteListener(listener);
					}

				};
			}
			return this.out;
		}

	}

}

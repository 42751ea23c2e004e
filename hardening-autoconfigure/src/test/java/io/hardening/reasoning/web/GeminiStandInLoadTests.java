package io.hardening.reasoning.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.hardening.reasoning.web.ReasoningStreamClient.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many streams at once, and a client that leaves, in a whole reactive application over
 * real HTTP against a local stand-in of Gemini's {@code streamGenerateContent?alt=sse}.
 * The model budgets are the defaults, so only the client can end a stalled call here.
 */
@SpringBootTest(classes = ReasoningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.main.web-application-type=reactive", "server.address=127.0.0.1",
		"hardening.reasoning.provider=gemini-api", "hardening.reasoning.gemini-api.api-key=" + GeminiStandIn.API_KEY,
		"hardening.reasoning.flash.model=" + GeminiStandInLoadTests.FLASH,
		"hardening.reasoning.pro.model=" + GeminiStandInLoadTests.PRO, "hardening.reasoning.max-concurrent-streams=64",
		"hardening.reasoning.reconnect-grace=0", "hardening.storage.mode=filesystem" })
class GeminiStandInLoadTests {

	static final String FLASH = "gemini-stand-in-flash";

	static final String PRO = "gemini-stand-in-pro";

	private static final int STREAMS = 50;

	@RegisterExtension
	static final StandInApplication app = new StandInApplication();

	private static final GeminiStandIn standIn = app.standIn();

	@TempDir
	static Path root;

	@DynamicPropertySource
	static void standInAndStorage(DynamicPropertyRegistry registry) {
		app.register(registry, () -> root);
	}

	@Test
	void fiftyConcurrentStreamsAllComplete() {
		standIn.behave(FLASH, StandInBehaviour.normal(5, Duration.ofMillis(200)));
		standIn.behave(PRO, StandInBehaviour.normal(5, Duration.ofMillis(300)));
		long start = System.nanoTime();
		List<List<Event>> streams = Flux.range(0, STREAMS)
			.flatMap((index) -> app.client().streamLater("query " + index), STREAMS)
			.collectList()
			.block(Duration.ofSeconds(60));
		Duration wall = Duration.ofNanos(System.nanoTime() - start);
		System.out.println(STREAMS + " concurrent streams took " + wall.toMillis() + " ms; the stand-in had at most "
				+ standIn.peakOpenCalls() + " model calls open at once");
		assertThat(streams).hasSize(STREAMS).allSatisfy((events) -> {
			Event last = events.get(events.size() - 1);
			assertThat(last.name()).isEqualTo("complete");
			assertThat(last.get("partial")).isEqualTo(false);
			assertThat(last.get("flash_response")).isEqualTo(GeminiStandIn.answer(FLASH, 5));
			assertThat(last.get("pro_response")).isEqualTo(GeminiStandIn.answer(PRO, 5));
		});
		for (String model : List.of(FLASH, PRO)) {
			assertThat(standIn.calls(model)).hasSize(STREAMS)
				.allSatisfy((call) -> assertThat(call.finished()).isTrue());
		}
		// One stream lasts about 1.2 s: one after another they would take a minute, and
		// Reactor Netty's shared pool would hold no more than 16 calls open at once.
		assertThat(standIn.peakOpenCalls()).isGreaterThan(16);
		assertThat(wall).isLessThan(Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.client().metric("hardening_reasoning_streams_active ") == 0.0);
	}

	@Test
	void clientThatLeavesMakesTheAppCloseBothUpstreamConnections() throws Exception {
		standIn.behave(FLASH, StandInBehaviour.stallAfterFirstFrame());
		standIn.behave(PRO, StandInBehaviour.stallAfterFirstFrame());
		double cancelledBefore = cancelledStreams();
		List<Event> seen = app.client().leaveAfter("leave", Set.of("start", "flash_delta", "pro_delta"));
		assertThat(seen).extracting(Event::name).containsExactlyInAnyOrder("start", "flash_delta", "pro_delta");
		StandInCall flash = only(standIn.calls(FLASH));
		StandInCall pro = only(standIn.calls(PRO));
		await().atMost(Duration.ofSeconds(5)).until(() -> flash.closedByClient() && pro.closedByClient());
		System.out.println("After the client left, the stand-in saw flash closed " + flash.closedAfter().toMillis()
				+ " ms and pro closed " + pro.closedAfter().toMillis() + " ms after their requests");
		assertThat(flash.finished()).isFalse();
		assertThat(pro.finished()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> cancelledStreams() == cancelledBefore + 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.client().metric("hardening_reasoning_streams_active ") == 0.0);
	}

	private double cancelledStreams() throws Exception {
		double cancelled = app.client().metric("hardening_reasoning_streams_total{outcome=\"cancelled\"}");
		return Double.isNaN(cancelled) ? 0.0 : cancelled;
	}

	private static <T> T only(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

}

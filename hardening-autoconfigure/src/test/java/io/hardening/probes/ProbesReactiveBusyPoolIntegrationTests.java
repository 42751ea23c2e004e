package io.hardening.probes;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.hardening.testsupport.BlockHoundInstalled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A reactive application whose bounded-elastic pool is busy with blocking work of its own
 * still answers its liveness probe: the platform must not restart a pod that is only
 * busy.
 */
@SpringBootTest(classes = ProbesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1" })
@ExtendWith(BlockHoundInstalled.class)
class ProbesReactiveBusyPoolIntegrationTests {

	private final CountDownLatch release = new CountDownLatch(1);

	@LocalServerPort
	private int port;

	@BeforeEach
	void warmUpThenFillTheBoundedElasticPool() throws InterruptedException {
		// The first request to a fresh server is slow on a busy machine; not what is
		// tested.
		client(Duration.ofSeconds(30)).get().uri("/health").exchange().expectStatus().isOk();
		Scheduler pool = Schedulers.boundedElastic();
		CountDownLatch busy = new CountDownLatch(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
		for (int i = 0; i < Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE; i++) {
			pool.schedule(() -> {
				busy.countDown();
				awaitRelease();
			});
		}
		assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@AfterEach
	void releaseThePool() {
		this.release.countDown();
	}

	@Test
	void liveAnswersWhileEveryBoundedElasticThreadIsBusy() {
		client(Duration.ofSeconds(5)).get()
			.uri("/live")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void aBlockingIndicatorWaitsForThePoolSoTheTestAboveWouldSeeAHop() {
		// /health asks the test application's blocking "dependency" indicator, which Boot
		// runs on the bounded-elastic pool: it waits for a free thread.
		assertThatIllegalStateException()
			.isThrownBy(() -> client(Duration.ofSeconds(2)).get().uri("/health").exchange())
			.withMessageContaining("Timeout");
	}

	private WebTestClient client(Duration timeout) {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).responseTimeout(timeout).build();
	}

	private void awaitRelease() {
		try {
			this.release.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

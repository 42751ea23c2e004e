package io.hardening.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorNettyKeepAliveCheckTests {

	@Test
	void versionsBeforeTheFixAreWarnedAboutNamingTheVersionTheIssueAndTheFix() {
		assertThat(ReactorNettyKeepAliveCheck.warning("1.3.6")).startsWith("Reactor Netty 1.3.6 can stop reading")
			.contains("reactor-netty#4361")
			.contains("1.3.8");
		assertThat(ReactorNettyKeepAliveCheck.warning("1.3.7")).isNotNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("1.2.18")).isNotNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("0.9.25.RELEASE")).isNotNull();
	}

	@Test
	void versionsWithTheFixOrUnknownOnesAreNot() {
		assertThat(ReactorNettyKeepAliveCheck.warning("1.3.8")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("1.3.8-SNAPSHOT")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("1.3.10")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("1.4.0")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("2.0")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning("unknown")).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning((String) null)).isNull();
	}

	@Test
	void theProjectsOwnReactorNettyHasTheFixAndAnApplicationWithoutItHasNothingToFix() throws Exception {
		// The check reads the version from the jar's manifest: it must be there to be
		// read.
		assertThat(Class.forName(ReactorNettyKeepAliveCheck.SERVER_CLASS).getPackage().getImplementationVersion())
			.isEqualTo("1.3.8");
		assertThat(ReactorNettyKeepAliveCheck.warning(getClass().getClassLoader())).isNull();
		assertThat(ReactorNettyKeepAliveCheck.warning(new FilteredClassLoader("reactor.netty.http.server"))).isNull();
	}

}

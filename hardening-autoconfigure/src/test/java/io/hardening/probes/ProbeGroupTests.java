package io.hardening.probes;

import java.security.Principal;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeGroupTests {

	private static final HealthEndpointGroup PRIMARY = new HealthEndpointGroup() {

		@Override
		public boolean isMember(String name) {
			return true;
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return true;
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return true;
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return StatusAggregator.getDefault();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return HttpCodeStatusMapper.DEFAULT;
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return null;
		}

	};

	@Test
	void fullGroupShowsEverythingWhenAlways() {
		ProbeGroup group = ProbeGroup.full("/health", Show.ALWAYS, Set.of(), PRIMARY);
		assertThat(group.isMember("anything/nested")).isTrue();
		assertThat(group.showDetails(SecurityContext.NONE)).isTrue();
		assertThat(group.showComponents(SecurityContext.NONE)).isTrue();
		assertThat(group.getAdditionalPath())
			.isEqualTo(AdditionalHealthEndpointPath.of(WebServerNamespace.SERVER, "/health"));
	}

	@Test
	void fullGroupHidesDetailsWhenNever() {
		ProbeGroup group = ProbeGroup.full("/health", Show.NEVER, Set.of(), PRIMARY);
		assertThat(group.showDetails(user("ops", "ADMIN"))).isFalse();
	}

	@Test
	void whenAuthorizedShowsDetailsToUsersInRoleOnly() {
		ProbeGroup group = ProbeGroup.full("/health", Show.WHEN_AUTHORIZED, Set.of("ADMIN"), PRIMARY);
		assertThat(group.showDetails(SecurityContext.NONE)).isFalse();
		assertThat(group.showDetails(user("dev", "USER"))).isFalse();
		assertThat(group.showDetails(user("ops", "ADMIN"))).isTrue();
	}

	@Test
	void statusOnlyGroupNeverShowsComponents() {
		ProbeGroup group = ProbeGroup.statusOnly("/live", "livenessState"::equals, PRIMARY);
		assertThat(group.showComponents(user("ops", "ADMIN"))).isFalse();
		assertThat(group.showDetails(user("ops", "ADMIN"))).isFalse();
		assertThat(group.isMember("livenessState")).isTrue();
		assertThat(group.isMember("readinessState")).isFalse();
	}

	private static SecurityContext user(String name, String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

}

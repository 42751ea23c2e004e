package io.hardening.probes;

import java.util.TreeSet;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownReadinessMemberException}: which name, which contributors
 * exist, and how to fix it.
 */
public class UnknownReadinessMemberFailureAnalyzer extends AbstractFailureAnalyzer<UnknownReadinessMemberException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownReadinessMemberException cause) {
		return new FailureAnalysis(
				"hardening.probes.readiness-include names '" + cause.getMember()
						+ "', but no health contributor has that name. The contributors that exist are: "
						+ String.join(", ", new TreeSet<>(cause.getAvailable())) + ".",
				"Remove '" + cause.getMember() + "' from hardening.probes.readiness-include, correct its spelling "
						+ "(a nested contributor is written parent/child), or add the library that contributes it "
						+ "(for 'db', a DataSource). To start anyway, set "
						+ "management.endpoint.health.validate-group-membership=false.",
				cause);
	}

}

package io.hardening.bench.startup;

import java.util.List;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Measurement;

public final class StartupPart implements BenchPart {

	@Override
	public String name() {
		return "startup";
	}

	@Override
	public List<Measurement> run(BenchContext context) {
		throw new UnsupportedOperationException("not written yet");
	}

}

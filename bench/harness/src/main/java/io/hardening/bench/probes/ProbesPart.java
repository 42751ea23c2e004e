package io.hardening.bench.probes;

import java.util.List;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Measurement;

public final class ProbesPart implements BenchPart {

	@Override
	public String name() {
		return "probes";
	}

	@Override
	public List<Measurement> run(BenchContext context) {
		throw new UnsupportedOperationException("not written yet");
	}

}

package io.hardening.bench.streams;

import java.util.List;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Measurement;

public final class StreamsPart implements BenchPart {

	@Override
	public String name() {
		return "streams";
	}

	@Override
	public List<Measurement> run(BenchContext context) {
		throw new UnsupportedOperationException("not written yet");
	}

}

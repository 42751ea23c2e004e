package io.hardening.bench.storage;

import java.util.List;

import io.hardening.bench.BenchContext;
import io.hardening.bench.BenchPart;
import io.hardening.bench.Measurement;

public final class StoragePart implements BenchPart {

	@Override
	public String name() {
		return "storage";
	}

	@Override
	public List<Measurement> run(BenchContext context) {
		throw new UnsupportedOperationException("not written yet");
	}

}

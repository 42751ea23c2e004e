package io.hardening.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the figures were measured on: CPU, cores, memory, JVM, the load when the run
 * began, and the file system the records are written to.
 */
final class Machine {

	private Machine() {
	}

	static Map<String, String> describe() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
		machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("loadAverageAtStart", read(Path.of("/proc/loadavg")));
		machine.put("workFileSystem", workFileSystem(Path.of(System.getProperty("java.io.tmpdir"))));
		return machine;
	}

	/**
	 * Describes the file system that the run records and the storage trials are written
	 * to: with ext4, whether it has a journal changes the kernel's cost of every record
	 * several times over (docs/performance.md).
	 */
	static String workFileSystem(Path work) {
		try {
			FileStore store = Files.getFileStore(work);
			String description = work + ": " + store.type() + " on " + store.name();
			if (!"ext4".equals(store.type())) {
				return description;
			}
			String device = Path.of(store.name()).getFileName().toString();
			Path journals = Path.of("/proc/fs/jbd2");
			if (!Files.isDirectory(journals)) {
				return description + ", without a journal (no journal on this machine)";
			}
			try (Stream<Path> entries = Files.list(journals)) {
				boolean journaled = entries
					.anyMatch((journal) -> journal.getFileName().toString().startsWith(device + "-"));
				// A device-mapper volume's journal is listed under dm-N, not its name.
				return description + (journaled ? ", with a journal" : ", without a journal listed for it");
			}
		}
		catch (IOException ex) {
			return work + ": unknown";
		}
	}

	private static String firstValue(Path file, String key) {
		for (String line : read(file).split("\n")) {
			if (line.startsWith(key)) {
				return line.substring(line.indexOf(':') + 1).trim();
			}
		}
		return "unknown";
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}

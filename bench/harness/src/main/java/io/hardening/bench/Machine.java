package io.hardening.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the figures were measured on: CPU, cores, memory, JVM and the load when the run
 * began.
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
		return machine;
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

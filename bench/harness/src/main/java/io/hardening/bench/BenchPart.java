package io.hardening.bench;

import java.util.List;

/**
 * One independent part of the harness. Each part starts what it needs and stops it again,
 * so parts can run alone ({@code bench/run streams}) or together.
 */
public interface BenchPart {

	/**
	 * The name given on the command line.
	 * @return the name
	 */
	String name();

	/**
	 * Runs the part.
	 * @param context where the built applications are and where to write files
	 * @return the figures
	 * @throws Exception when the part cannot run; the harness reports it and goes on
	 */
	List<Measurement> run(BenchContext context) throws Exception;

}

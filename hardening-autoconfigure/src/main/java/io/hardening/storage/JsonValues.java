package io.hardening.storage;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

import tools.jackson.databind.JsonNode;

/**
 * Walks and compares JSON trees for {@link JsonDocuments}: depth and finiteness without
 * recursion (a tree built in code may be deeper than any stack), and the comparison of
 * leaves with numbers compared as numbers.
 */
final class JsonValues {

	/**
	 * Compares leaves: numbers by value ({@code 1} and {@code 1.0} are equal), anything
	 * else by {@link JsonNode#equals}. Meant for
	 * {@link JsonNode#equals(Comparator, JsonNode)}, which compares objects and arrays
	 * itself and only asks whether two leaves are equal (zero) or not.
	 */
	static final Comparator<JsonNode> NUMBERS_AS_NUMBERS = JsonValues::compareLeaves;

	private JsonValues() {
	}

	/**
	 * Whether a tree is nested deeper than the given number of levels, {@code {}} being
	 * one.
	 * @param node the tree
	 * @param maxDepth the levels allowed
	 * @return whether it is deeper
	 */
	static boolean deeperThan(JsonNode node, int maxDepth) {
		Deque<Level> pending = new ArrayDeque<>();
		pending.push(new Level(node, node.isContainer() ? 1 : 0));
		while (!pending.isEmpty()) {
			Level level = pending.pop();
			if (level.depth() > maxDepth) {
				return true;
			}
			for (JsonNode child : level.node().values()) {
				if (child.isContainer()) {
					pending.push(new Level(child, level.depth() + 1));
				}
			}
		}
		return false;
	}

	/**
	 * Whether every number in a tree has a JSON form: not a {@code NaN} or infinite
	 * {@code double} or {@code float}, which only code can put in a tree.
	 * @param node the tree
	 * @return whether all are finite
	 */
	static boolean allFinite(JsonNode node) {
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(node);
		while (!pending.isEmpty()) {
			JsonNode current = pending.pop();
			if (!finite(current)) {
				return false;
			}
			current.values().forEach(pending::push);
		}
		return true;
	}

	private static int compareLeaves(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			if (finite(a) && finite(b)) {
				return a.decimalValue().compareTo(b.decimalValue());
			}
			// A NaN or infinity built in code equals only its like.
			return (!finite(a) && !finite(b)) ? Double.compare(a.doubleValue(), b.doubleValue()) : 1;
		}
		return a.equals(b) ? 0 : 1;
	}

	private static boolean finite(JsonNode node) {
		return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
	}

	private record Level(JsonNode node, int depth) {

	}

}

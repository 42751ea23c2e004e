package io.hardening.sample;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules and the dashboard in docs/monitoring: promtool checks and unit-tests
 * the rules, and every rule and panel uses only series that docs/metrics.md lists.
 */
class MonitoringKitTests {

	private static final Path MONITORING = Path.of("..", "docs", "monitoring");

	private static final Path RULES = MONITORING.resolve("rules.yml");

	private static final Path DASHBOARD = MONITORING.resolve("dashboard.json");

	private static final Pattern SERIES = Pattern.compile("\\b(?:hardening|resilience4j)_[a-zA-Z0-9_]+");

	@Test
	void promtoolChecksTheRules() {
		assumeTrue(Promtool.isInstalled(), "promtool is not installed (Debian package prometheus)");
		Promtool.Result result = Promtool.run(null, "check", "rules", RULES.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 9 rules found");
	}

	@Test
	void promtoolUnitTestsOfTheRulesPass() {
		assumeTrue(Promtool.isInstalled(), "promtool is not installed (Debian package prometheus)");
		Promtool.Result result = Promtool.run(null, "test", "rules", MONITORING.resolve("rules_test.yml").toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void everyAlertHasAUnitTest() throws IOException {
		String tests = Files.readString(MONITORING.resolve("rules_test.yml"));
		assertThat(rules()).isNotEmpty()
			.allSatisfy((rule) -> assertThat(tests).contains("alertname: " + rule.get("alert")));
	}

	@Test
	void rulesUseOnlyDocumentedSeries() {
		Set<String> documented = DocumentedMetrics.read().series();
		for (Map<String, Object> rule : rules()) {
			assertThat(seriesIn((String) rule.get("expr"))).as("series of %s", rule.get("alert"))
				.isNotEmpty()
				.isSubsetOf(documented);
		}
	}

	@Test
	void alertsNamedInTheMetricsDocAreTheAlertsOfTheRules() {
		assertThat(rules()).extracting((rule) -> rule.get("alert"))
			.containsExactlyInAnyOrderElementsOf(DocumentedMetrics.read().alerts());
	}

	@Test
	void dashboardPanelsUseOnlyDocumentedSeries() {
		Set<String> documented = DocumentedMetrics.read().series();
		List<String> expressions = dashboardExpressions();
		assertThat(expressions).hasSizeGreaterThan(10);
		for (String expression : expressions) {
			assertThat(seriesIn(expression)).as(expression).isNotEmpty().isSubsetOf(documented);
		}
	}

	@Test
	void dashboardShowsEverySeriesAnAlertUses() {
		Set<String> shown = new LinkedHashSet<>();
		dashboardExpressions().forEach((expression) -> shown.addAll(seriesIn(expression)));
		for (Map<String, Object> rule : rules()) {
			assertThat(shown).as("dashboard series for %s", rule.get("alert"))
				.containsAll(seriesIn((String) rule.get("expr")));
		}
	}

	@Test
	void dashboardExpressionsAreValidPromQl(@TempDir Path temp) throws IOException {
		assumeTrue(Promtool.isInstalled(), "promtool is not installed (Debian package prometheus)");
		// promtool parses PromQL in rule files only: each panel query becomes a recording
		// rule,
		// with the dashboard's variables replaced by match-all values.
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		List<String> expressions = dashboardExpressions();
		for (int i = 0; i < expressions.size(); i++) {
			String expression = expressions.get(i).replace("$job", ".*").replace("$instance", ".*");
			rules.append("      - record: dashboard:panel").append(i).append('\n');
			rules.append("        expr: '").append(expression.replace("'", "''")).append("'\n");
		}
		Path file = Files.writeString(temp.resolve("dashboard-rules.yml"), rules);
		Promtool.Result result = Promtool.run(null, "check", "rules", file.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules() {
		try (Reader reader = Files.newBufferedReader(RULES)) {
			Map<String, Object> file = new Yaml().load(reader);
			List<Map<String, Object>> rules = new ArrayList<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				rules.addAll((List<Map<String, Object>>) group.get("rules"));
			}
			return rules;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> dashboardExpressions() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		return dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
	}

	private static Set<String> seriesIn(String expression) {
		Set<String> series = new LinkedHashSet<>();
		Matcher matcher = SERIES.matcher(expression);
		while (matcher.find()) {
			series.add(matcher.group());
		}
		return series;
	}

}

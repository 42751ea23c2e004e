package io.hardening.autoconfigure.aot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.CodeBlock;

/**
 * Records, during Spring AOT processing, the decisions of the starter's property
 * conditions ({@link FrozenSwitches}) and adds a call to {@link FrozenSwitches#check} to
 * the generated initializer, so that a start with other values fails with Boot's failure
 * report instead of running with the build's beans. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
public class FrozenSwitchesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		Environment environment = beanFactory.getBeanProvider(Environment.class).getIfAvailable();
		if (environment == null) {
			return null;
		}
		Map<String, String> decisions = FrozenSwitches.decisions(environment);
		return (generationContext, code) -> {
			GeneratedMethod method = code.getMethods()
				.add("checkHardeningFrozenSwitches",
						(builder) -> builder
							.addJavadoc("Fails the start if a switch of the hardening starter differs from the build.")
							.addParameter(ConfigurableEnvironment.class, "environment")
							.addCode(checkCall(decisions)));
			code.addInitializer(method.toMethodReference());
		};
	}

	static CodeBlock checkCall(Map<String, String> decisions) {
		List<CodeBlock> arguments = new ArrayList<>();
		arguments.add(CodeBlock.of("environment"));
		decisions.forEach((name, decision) -> {
			arguments.add(CodeBlock.of("$S", name));
			arguments.add(CodeBlock.of("$S", decision));
		});
		return CodeBlock.builder()
			.addStatement("$T.check($L)", FrozenSwitches.class, CodeBlock.join(arguments, ", "))
			.build();
	}

}

package io.hardening.autoconfigure;

import java.util.Set;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;

/**
 * Defines empty interfaces of the given names, standing in for optional libraries that
 * the tests' class path does not have (Micrometer Tracing, and Spring Security, which
 * only the {@code *WithSpringSecurityTests} see).
 */
final class StandInClassLoader extends ClassLoader {

	private final Set<String> names;

	StandInClassLoader(ClassLoader parent, String... names) {
		super(parent);
		this.names = Set.of(names);
	}

	@Override
	protected Class<?> findClass(String name) throws ClassNotFoundException {
		if (!this.names.contains(name)) {
			throw new ClassNotFoundException(name);
		}
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT,
				name.replace('.', '/'), null, "java/lang/Object", null);
		writer.visitEnd();
		byte[] bytes = writer.toByteArray();
		return defineClass(name, bytes, 0, bytes.length);
	}

}

package io.github.cometlyexport.app.badfixture;

/** A class outside the starter that names Spring: StarterArchitectureTest's bite. */
public final class SpringInTheCoreFixture {
    private SpringInTheCoreFixture() {
    }

    /** @return a Spring type */
    public static Class<?> spring() {
        return org.springframework.context.ApplicationContext.class;
    }
}

package dev.modeldock.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The artifact stores the registry benchmark runs its server on, by the names {@code --stores} takes. */
enum StoreKind {
    H2("h2", "embedded H2: rows and artifact chunks in the data folder"),
    POSTGRES("postgres", "PostgreSQL: rows and artifact chunks in a fresh schema"),
    S3("s3", "S3Proxy (filesystem backend) for the artifacts, embedded H2 for the rows");

    private final String label;
    private final String description;

    StoreKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name on the command line and in the figures, e.g. {@code postgres}. */
    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Makes a fresh store of this kind; files it keeps itself go into {@code folder}. */
    StoreUnderTest start(Path folder) {
        return switch (this) {
            case H2 -> StoreUnderTest.embeddedH2();
            case POSTGRES -> StoreUnderTest.postgres();
            case S3 -> StoreUnderTest.s3(folder.resolve("s3"));
        };
    }

    /** Reads one name of {@code --stores}. */
    static final class Converter implements ITypeConverter<StoreKind> {
        @Override
        public StoreKind convert(String value) {
            return Arrays.stream(values()).filter(kind -> kind.label.equals(value.trim())).findFirst()
                    .orElseThrow(() -> new TypeConversionException("no store '" + value + "'; the stores are "
                            + Arrays.stream(values()).map(StoreKind::label).collect(Collectors.joining(", "))));
        }
    }
}

package dev.modeldock.testkit.jvm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** What {@link ChildJvmTest} runs in its children, chosen by the first argument. */
public final class ChildProgram {
    private ChildProgram() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        switch (args[0]) {
            case "listen" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("shutdown hook ran")));
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    System.out.println("child listening on port " + socket.getLocalPort());
                    while (true) {
                        socket.accept().close();
                    }
                }
            }
            case "fail" -> {
                System.out.println("starting");
                System.err.println("ERROR the configuration is broken");
                System.exit(3);
            }
            case "describe" -> System.out.println(System.getProperty("child.property") + " "
                    + System.getenv("CHILD_VARIABLE") + " " + System.getenv("CHILD_REMOVED") + " "
                    + Runtime.getRuntime().maxMemory() / (1 << 20));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}

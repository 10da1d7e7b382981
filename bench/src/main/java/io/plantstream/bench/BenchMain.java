package io.plantstream.bench;

import java.util.Arrays;

/** Runs one benchmark by name; each prints its figures and ends with one JSON line. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "streams" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            run(name, rest);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // a failed benchmark must not wait on threads it left behind either
        }
        // The figures are printed and everything the benchmark started is closed; a thread some
        // library left behind (a client's pool, a timer) must not keep the JVM for minutes.
        System.out.flush();
        System.exit(0);
    }

    private static void run(String name, String[] rest) throws Exception {
        switch (name) {
            case "streams" -> StreamsThroughputBench.main(rest);
            case "cdc" -> CdcBench.main(rest);
            case "collector-scale" -> CollectorScaleBench.main(rest);
            case "adapters" -> AdapterBench.main(rest);
            case "dashboard-latency" -> DashboardLatencyBench.main(rest);
            case "andon-latency" -> AndonLatencyBench.main(rest);
            case "oee-vs-sql" -> OeeVersusSqlBench.main(rest);
            case "parameters" -> ParameterBench.main(rest);
            case "pipeline" -> PipelineBench.main(rest);
            default -> {
                System.err.println("unknown benchmark " + name + "; known: streams, cdc, collector-scale, adapters, dashboard-latency, andon-latency, oee-vs-sql, parameters, pipeline");
                System.exit(2);
            }
        }
    }
}

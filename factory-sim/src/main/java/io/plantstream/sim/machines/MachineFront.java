package io.plantstream.sim.machines;

/**
 * The interface of one simulated machine in the protocol it speaks: it shows the model's state
 * where a collector reads it, and hands the commands the job agent left to the model.
 */
interface MachineFront extends AutoCloseable {

    /** Shows the machine's state on its interface. */
    void show(MachineModel.Snapshot snapshot) throws Exception;

    /** Takes the commands waiting on the interface, gives them to the model and answers them where the protocol can. */
    void takeCommands(MachineModel model) throws Exception;

    /** The collector's machine definition of this machine without id, name and line (YAML keys at the top level). */
    String definition();

    @Override
    void close();
}

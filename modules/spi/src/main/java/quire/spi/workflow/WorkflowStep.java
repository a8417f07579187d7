package quire.spi.workflow;

import java.util.Map;

import quire.spi.Experimental;
import quire.spi.Provider;

/**
 * One action a workflow can run on a document (FULL contract {@code action_id}). The step id is
 * its factory's id.
 */
@Experimental
public interface WorkflowStep extends Provider {

    /** @return a JSON schema (as JSON text) of the parameters this step accepts */
    String parametersSchema();

    /**
     * Runs the step.
     *
     * @param input the document's text and metadata and the step's parameters (JSON text values)
     * @return the step's output as JSON text, and metadata updates
     */
    StepResult run(StepInput input) throws Exception;

    record StepInput(String documentId, String content, Map<String, String> documentMetadata, String parametersJson,
                     String previousOutputJson) {
    }

    record StepResult(String outputJson, Map<String, String> metadataUpdates) {
    }
}

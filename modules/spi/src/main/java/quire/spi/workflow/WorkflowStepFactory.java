package quire.spi.workflow;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link WorkflowStep} instances; found by {@link java.util.ServiceLoader}. */
public interface WorkflowStepFactory extends ProviderFactory<WorkflowStep> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.WORKFLOW_STEP;
    }
}

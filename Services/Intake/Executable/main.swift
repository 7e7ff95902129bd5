import Intake
import ServiceAssembly

// `rjhub-intake`: runs the intake service until SIGTERM (see `rjhub env` for its settings).
try await HubServiceRunner.run(try IntakeService.definition())

import Reporting
import ServiceAssembly

// `rjhub-reporting`: runs the reporting service until SIGTERM (see `rjhub env` for its settings).
try await HubServiceRunner.run(try ReportingService.definition())

/// One documented environment variable: its name, its default and what it controls.
///
/// Every settings type lists the variables it reads as `documentation`, so `rjhub env` can
/// print them and the README can list them.
public typealias SettingDocumentation = (name: String, default: String, meaning: String)

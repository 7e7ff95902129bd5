import HubAreas
import PostgresClient

/// Every store of the case journey over one schema, with the stage changer and the areas'
/// calendars: what the case-work routes share.
struct CaseWorkStores: Sendable {
  let personalData: CasePersonalData
  let cases: CaseStore
  let tasks: TaskStore
  let participants: ParticipantStore
  let consents: ConsentStore
  let assessments: AssessmentStore
  let interventions: InterventionStore
  let supportReferrals: SupportReferralStore
  let agreements: AgreementStore
  let surveys: SurveyStore
  let followUps: FollowUpSurveyStore
  let complaints: ComplaintStore
  let facilitators: FacilitatorStore
  let stageChanges: StageChangeStore
  let stages: StageChanger
  let arrivals: ArrivalParticipants
  let deadlines: VictimsCodeDeadlines

  init(schema: SchemaName, personalData: CasePersonalData, deadlines: VictimsCodeDeadlines) {
    self.personalData = personalData
    cases = CaseStore(schema: schema, personalData: personalData)
    tasks = TaskStore(schema: schema)
    participants = ParticipantStore(schema: schema, personalData: personalData)
    consents = ConsentStore(schema: schema, personalData: personalData)
    assessments = AssessmentStore(schema: schema, personalData: personalData)
    interventions = InterventionStore(schema: schema, personalData: personalData)
    supportReferrals = SupportReferralStore(schema: schema, personalData: personalData)
    agreements = AgreementStore(schema: schema, personalData: personalData)
    surveys = SurveyStore(schema: schema, personalData: personalData)
    followUps = FollowUpSurveyStore(schema: schema)
    complaints = ComplaintStore(schema: schema, personalData: personalData)
    facilitators = FacilitatorStore(schema: schema)
    stageChanges = StageChangeStore(schema: schema, personalData: personalData)
    stages = StageChanger(
      cases: cases, changes: stageChanges, facts: JourneyFactsReader(schema: schema),
      followUps: followUps, tasks: tasks)
    arrivals = ArrivalParticipants(cases: cases, participants: participants)
    self.deadlines = deadlines
  }

  /// Area `area`'s working-day calendar.
  func calendar(for area: String) -> WorkingDayCalendar { deadlines.calendars(area) }
}

/**
 * phyclass: classify distributed-learning packets per service and map each class onto a
 * 5G NR physical-layer configuration proven to meet its reliability and latency target.
 *
 * The public API, listed by name (no star re-export: a change here is a deliberate API change, and
 * `test/api/exports.test.ts` holds the sorted list). Every function exported here validates its
 * input and answers invalid input without throwing, hanging or returning NaN/Infinity: a `Left`,
 * `None`, an `Infeasible` (`plan`), a failing `Verdict` (`verify`), or, for the functions with a
 * plain answer, the `PhyError` itself (`isPhyError`). The validated wrappers live in `src/api/`;
 * the unchecked hot kernels (TBS, BLER, allocation, scheduler step, ...) are the subpath export
 * `phyclass/kernels` (`src/kernels.ts`). Internal helpers (search, memo, scratch buffers, test
 * helpers) are not exported: tests and benches import them from their module paths.
 */

// ---------------------------------------------------------------------------- core: errors, randomness
export { isPhyError } from './api/guard.js';
export { makeRng } from './api/entry.js';
export { MCS_TABLE_NAMES, MU_VALUES } from './core/types.js';
export { PHYCLASS_VERSION } from './core/version.js';
export {
  MAX_BATCH_LINES,
  MAX_BATCH_LINE_CHARS,
  MAX_CAMPAIGN_RUNS,
  MAX_SIM_UES,
  MAX_SLOTS,
  MCS_INDEX,
  PRB,
  SEED,
  SNR_DB,
  TTI_SYMBOLS,
} from './core/ranges.js';
export type { ValueRange } from './core/ranges.js';
export type { DecodeError, InvalidInput, PhyError, Unsupported } from './core/errors.js';
export type { Rng } from './core/rng.js';
export type {
  Combining,
  Direction,
  Duplex,
  FadingModel,
  FrequencyRange,
  GrantType,
  MappingType,
  McsTableName,
  ModulationInput,
  Mu,
  UeCapability,
} from './core/types.js';

// ---------------------------------------------------------------------------- nr: 3GPP facts
export {
  dmrsRePerPrb,
  ldpcSegmentation,
  numerology,
  processingTimeSymbols,
  rateMatchedLengths,
  symbolStartUs,
  symbolTiming,
  validTimeAllocation,
} from './api/entry.js';
export { muFromScsKHz, parseMu } from './nr/numerology.js';
export { maxMcsIndex, mcsEntry, mcsIndices } from './nr/mcs.js';
export { transportBlockSize } from './nr/tbs.js';
export { carrierScsKHz, channelBandwidthsMHz } from './api/entry.js';
export { maxPrb } from './nr/carrier.js';
export { TBS_ROW_INTS, explainInvalidTbsRows, transportBlockSizes, transportBlockSizesInto } from './nr/tbs-bulk.js';
export type { TbsBulkOptions, TbsRowError } from './nr/tbs-bulk.js';
export { bandCentreMHz, checkBandCarrier, nrBand, nrBands } from './nr/bands.js';
export { DEFAULT_SPECIAL_SLOT, DEFAULT_TDD_PATTERN, parseSpecialSlot } from './nr/slotPattern.js';
export { directionDuty, formatSpecialSlot } from './api/extra.js';
export type { BandCarrierQuery, BandDuplex, NrBand } from './nr/bands.js';
export type { OccasionGrid, SpecialSlotFormat } from './nr/slotPattern.js';
export type { CyclicPrefix, Numerology, SymbolTiming } from './nr/numerology.js';
export type { McsEntry, McsOptions } from './nr/mcs.js';
export type { TbsParams } from './nr/tbs.js';
export type { LdpcSegmentation } from './nr/ldpc.js';
export type { ProcessingTime, ProcessingTimeInput } from './nr/processing.js';
export type { DmrsRePerPrbConfig, TimeAllocation, TimeAllocationParams } from './nr/carrier.js';

// ---------------------------------------------------------------------------- link: models
export {
  blerModel,
  fadingAverage,
  harqAttemptErrors,
  harqResidualError,
  harqTransmissionDistribution,
  maxInfoBits,
  normalApproximation,
  qfunc,
  qfuncInv,
  snrForBler,
} from './api/entry.js';
export { BLER_MODEL_NAMES, RECEIVER_PRESETS } from './link/bler.js';
export { HARQ_MAX_TRANSMISSIONS } from './link/harq.js';
export { besselJ0, correlatedRayleighAverage, jakesCorrelation, jakesEigenvalues, jakesFader, maxDopplerHz } from './link/correlation.js';
export type { JakesFader, Mobility } from './link/correlation.js';
export { DEFAULT_MOBILITY } from './link/correlation.js';
export { DEFAULT_CONTROL_ERRORS } from './link/control.js';
export type { ControlErrors } from './link/control.js';
export {
  LATENCY_MAX_TRANSMISSIONS,
  LATENCY_PART_NAMES,
  deliveryProbabilityWithin,
  tryDeliveryProbabilityWithin,
  tryUserPlaneLatency,
  userPlaneLatency,
} from './link/latency.js';
export type { BlerModel, BlerModelName, CodeBlockQuery, ReceiverPreset, TransportBlockQuery } from './link/bler.js';
export type { HarqQuery } from './link/harq.js';
export type { DeliveryInput, LatencyAlignment, UserPlaneLatency, UserPlaneLatencyInput } from './link/latency.js';
export { TIMING_PROFILES, TIMING_PROFILE_NAMES } from './link/timing.js';
export type { StackTiming, StackTimingValues, TimingProfile, TimingProfileName } from './link/timing.js';

// ---------------------------------------------------------------------------- workload: the seed paper
export { layerShapes, pipelineTraffic, splitPayloadBytes, trySplitPayloadBytes } from './api/entry.js';
export { DNN_MODELS, tryLayerShapes } from './workload/dnn.js';
export { BITS_PER_VALUE, packetSizeTable } from './workload/split.js';
export { COMPUTE_PRESETS, COMPUTE_PRESET_IDS, computePreset, tryLayerMacs } from './workload/macs.js';
export { applicationRelaxations, codesign, computeTimeMs, layerMacs, pipelineFromService } from './api/extra.js';
export type { ComputeProfile, LayerMacs, ModelMacs } from './workload/macs.js';
export type {
  AccuracyEntry,
  CodesignGrid,
  CodesignOptions,
  CodesignPipeline,
  CodesignPoint,
  CodesignRelaxation,
  CodesignResult,
  E2eParts,
  PlannedLeg,
} from './codesign/codesign.js';
export type { ApplicationRelaxation } from './codesign/application.js';
export type { CodesignLegAdmission, CodesignSystemCheck, CodesignSystemOptions } from './codesign/admission.js';
export type { RelaxationSystemCheck, SystemApplicationRelaxation } from './codesign/system.js';
export type { DnnModel, LayerShape, LayerShapeOptions } from './workload/dnn.js';
export type { BitsPerValue, PacketSizeCell, PacketSizeRow, SplitPayloadParams } from './workload/split.js';
export type { PipelineParams, PipelineProfile } from './workload/pipeline.js';

// ---------------------------------------------------------------------------- services and codecs
export { eligibleFiveQis, payloadProfile, serviceFromSplit } from './api/entry.js';
export { serviceById, services } from './services/catalogue.js';
export { fiveQiById, fiveQiTable } from './services/fiveqi.js';
export { parseBits, parseBytes, parseEpsilon, parseKHz, parseMHz, parseMs } from './codecs/quantity.js';
export { ServiceListCodec, ServiceProfileCodec, decodeServiceProfile, decodeServices } from './codecs/service.js';
export { PhyClassCodec, decodePhyClass } from './codecs/phyClass.js';
export { ClassPlanCodec, decodeClassPlan } from './codecs/classPlan.js';
export { PipelineParamsCodec, decodePipelineParams } from './codecs/pipelineParams.js';
export { decodeCodesignInput, decodeComputeProfile } from './codecs/codesign.js';
export type { CodesignInput } from './codecs/codesign.js';
export type { FeatureSource, LatencyDerivation, PayloadProfile, ServiceProfile, SplitServiceParams } from './services/catalogue.js';
export type { FiveQi } from './services/fiveqi.js';

// ---------------------------------------------------------------------------- classes: plan, verify, derive, classify
export { allocationFor, classTable, compileClassifier, deriveClasses, plan, planDetailed, verify } from './api/entry.js';
export { decodeLinkContext } from './api/entry.js';
export { LinkInputCodec, defaultLink } from './classes/link.js';
export { classSensitivity, inconsistentLink, linkAssumptions, snrPerReDb } from './api/extra.js';
export type { ClassSensitivity } from './report/sensitivity.js';
export type { LinkAssumptions } from './report/assumptions.js';
export { defaultPlannerCache } from './classes/cache.js';
export type { PlannerCache, PlannerCacheLimits } from './classes/cache.js';
export type { PruneRule, SearchOptions } from './classes/search.js';
export type { VerifiableService } from './classes/verify.js';
export { BEYOND_PROFILE, UNKNOWN_SERVICE, UNSERVED } from './classes/classifier.js';
export { REPETITION_VALUES, TTI_CHOICES } from './classes/types.js';
export { ARRIVAL_ASSUMPTIONS } from './system/types.js';
export { deriveSystem, simulateSystemPlan, verifySystem } from './api/extra.js';
export type {
  Admission,
  ArrivalAssumption,
  DeriveSystemOptions,
  SystemBwp,
  SystemBwpVerdict,
  SystemPlan,
  SystemPlanResult,
  SystemPolicy,
  SystemRelaxation,
  SystemServicePlan,
  SystemServiceVerdict,
  SystemVerdict,
  VerifySystemOptions,
} from './system/types.js';
export type { SimulatedService, SystemSimulation } from './scheduler/fromPlan.js';
export type { LinkContext } from './classes/link.js';
export type { CellPosition, LinkBudget } from './link/budget.js';
export type { PlannableService } from './classes/model.js';
export type { PlannedClass } from './classes/planner.js';
export type { DeriveOptions } from './classes/derive.js';
export type { ClassTableOptions, ClassTableRow, SizeRange } from './classes/classTable.js';
export type {
  Allocation,
  Assignment,
  BindingConstraint,
  ClassAssignment,
  ClassPlan,
  Infeasible,
  PhyClass,
  PlanOptions,
  Relaxation,
  Repetitions,
  SizeVerdict,
  Verdict,
} from './classes/types.js';

// ---------------------------------------------------------------------------- scheduler: simulation
export { campaignRuns, mixedScenario, parseShard, runCampaign, samplesNeeded, wilsonInterval } from './api/entry.js';
export { simulate } from './api/entry.js';
export { ScenarioCodec, decodeScenario } from './scheduler/scenario.js';
export { campaignFingerprint } from './api/entry.js';
export { POLICY_NAMES, policyByName } from './scheduler/policies.js';
export type { ScenarioReport, SimulateOptions } from './scheduler/simulate.js';
export type { Scenario } from './scheduler/scenario.js';
export type { PolicyName, SchedulerPolicy } from './scheduler/policies.js';
export type { CampaignOptions, CampaignResult, CampaignRun, CampaignRunSpec, CampaignSpec } from './scheduler/campaign.js';
export type { MixedScenarioOptions } from './scheduler/presets.js';
export type { WilsonInterval } from './scheduler/stats.js';

// ---------------------------------------------------------------------------- report: tables, plots, the HTML page
export { csvTable, jsonRows, textTable } from './api/entry.js';
export { formatBytes, formatEpsilon, formatMs, formatNumber } from './api/entry.js';
export { blerPlotSpec, classMapSpec, latencyBreakdownSpec, latencyCdfSpec, packetSizeSpec, renderSvg, reportHtml } from './api/report.js';
export type { TableCell, TableColumn, TextTableOptions } from './report/table.js';
export type { PlotOptions } from './api/report.js';
export type {
  BlerCurvePoint,
  ClassMapPoint,
  DeadlineMark,
  LatencyCdfPoint,
  LatencyPartRow,
  PacketSizePoint,
  PacketSizeRange,
  VegaLiteSpec,
} from './report/plots.js';
export type { ReportFigure, ReportPage, ReportTable } from './report/html.js';

// ---------------------------------------------------------------------------- export: stack configurations, the C classifier
export { STACK_TARGETS } from './export/stacks.js';
export { classifierHeader, exportStack, parseStackExport } from './api/extra.js';
export type { CHeaderOptions } from './export/c.js';
export type { NearestClass, ParsedBlock, ParsedClassFields, StackExport, StackExportInput, StackTarget, Unrepresentable } from './export/stacks.js';

/**
 * The public API as a deliberate list (issue 12 item 7): the sorted names the package root
 * (`phyclass`, src/index.ts) and the kernels subpath (`phyclass/kernels`, src/kernels.ts) export,
 * written out here so that any change of the API is an edit of this file. Values are read from the
 * modules at runtime; type-only names from the `export type { ... }` lists of the source (both
 * files list their exports by name, no star re-export).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, ENTRY } from '../cli/run-bin.js';
import * as root from '../../src/index.js';
import * as kernels from '../../src/kernels.js';
import { ROOT } from './child.js';

const ROOT_VALUES = [
  'ARRIVAL_ASSUMPTIONS', 'BEYOND_PROFILE', 'BITS_PER_VALUE', 'BLER_MODEL_NAMES', 'COMPUTE_PRESETS',
  'COMPUTE_PRESET_IDS', 'ClassPlanCodec', 'DEFAULT_CONTROL_ERRORS', 'DEFAULT_MOBILITY', 'DEFAULT_SPECIAL_SLOT',
  'DEFAULT_TDD_PATTERN', 'DNN_MODELS', 'HARQ_MAX_TRANSMISSIONS', 'LATENCY_MAX_TRANSMISSIONS', 'LATENCY_PART_NAMES',
  'LinkInputCodec', 'MAX_BATCH_LINES', 'MAX_BATCH_LINE_CHARS', 'MAX_CAMPAIGN_RUNS', 'MAX_SIM_UES', 'MAX_SLOTS',
  'MCS_INDEX', 'MCS_TABLE_NAMES', 'MU_VALUES', 'PHYCLASS_VERSION', 'POLICY_NAMES', 'PRB', 'PhyClassCodec',
  'PipelineParamsCodec', 'RECEIVER_PRESETS', 'REPETITION_VALUES', 'SEED', 'SNR_DB', 'STACK_TARGETS', 'ScenarioCodec',
  'ServiceListCodec', 'ServiceProfileCodec', 'TBS_ROW_INTS', 'TIMING_PROFILES', 'TIMING_PROFILE_NAMES',
  'TTI_CHOICES', 'TTI_SYMBOLS', 'UNKNOWN_SERVICE', 'UNSERVED', 'allocationFor', 'applicationRelaxations',
  'bandCentreMHz', 'besselJ0', 'blerModel', 'blerPlotSpec', 'campaignFingerprint', 'campaignRuns', 'carrierScsKHz',
  'channelBandwidthsMHz', 'checkBandCarrier', 'classMapSpec', 'classSensitivity', 'classTable', 'classifierHeader',
  'codesign', 'compileClassifier', 'computePreset', 'computeTimeMs', 'correlatedRayleighAverage', 'csvTable',
  'decodeClassPlan', 'decodeCodesignInput', 'decodeComputeProfile', 'decodeLinkContext', 'decodePhyClass',
  'decodePipelineParams', 'decodeScenario', 'decodeServiceProfile', 'decodeServices', 'defaultLink',
  'defaultPlannerCache', 'deliveryProbabilityWithin', 'deriveClasses', 'deriveSystem', 'directionDuty',
  'dmrsRePerPrb', 'eligibleFiveQis', 'explainInvalidTbsRows', 'exportStack', 'fadingAverage', 'fiveQiById',
  'fiveQiTable', 'formatBytes', 'formatEpsilon', 'formatMs', 'formatNumber', 'formatSpecialSlot',
  'harqAttemptErrors', 'harqResidualError', 'harqTransmissionDistribution', 'inconsistentLink', 'isPhyError',
  'jakesCorrelation', 'jakesEigenvalues', 'jakesFader', 'jsonRows', 'latencyBreakdownSpec', 'latencyCdfSpec',
  'layerMacs', 'layerShapes', 'ldpcSegmentation', 'linkAssumptions', 'makeRng', 'maxDopplerHz', 'maxInfoBits',
  'maxMcsIndex', 'maxPrb', 'mcsEntry', 'mcsIndices', 'mixedScenario', 'muFromScsKHz', 'normalApproximation',
  'nrBand', 'nrBands', 'numerology', 'packetSizeSpec', 'packetSizeTable', 'parseBits', 'parseBytes', 'parseEpsilon',
  'parseKHz', 'parseMHz', 'parseMs', 'parseMu', 'parseShard', 'parseSpecialSlot', 'parseStackExport',
  'payloadProfile', 'pipelineFromService', 'pipelineTraffic', 'plan', 'planDetailed', 'policyByName',
  'processingTimeSymbols', 'qfunc', 'qfuncInv', 'rateMatchedLengths', 'renderSvg', 'reportHtml', 'runCampaign',
  'samplesNeeded', 'serviceById', 'serviceFromSplit', 'services', 'simulate', 'simulateSystemPlan', 'snrForBler',
  'snrPerReDb', 'splitPayloadBytes', 'symbolStartUs', 'symbolTiming', 'textTable', 'transportBlockSize',
  'transportBlockSizes', 'transportBlockSizesInto', 'tryDeliveryProbabilityWithin', 'tryLayerMacs', 'tryLayerShapes',
  'trySplitPayloadBytes', 'tryUserPlaneLatency', 'userPlaneLatency', 'validTimeAllocation', 'verify', 'verifySystem',
  'wilsonInterval',
];

const ROOT_TYPES = [
  'AccuracyEntry', 'Admission', 'Allocation', 'ApplicationRelaxation', 'ArrivalAssumption', 'Assignment',
  'BandCarrierQuery', 'BandDuplex', 'BindingConstraint', 'BitsPerValue', 'BlerCurvePoint', 'BlerModel',
  'BlerModelName', 'CHeaderOptions', 'CampaignOptions', 'CampaignResult', 'CampaignRun', 'CampaignRunSpec',
  'CampaignSpec', 'CellPosition', 'ClassAssignment', 'ClassMapPoint', 'ClassPlan', 'ClassSensitivity',
  'ClassTableOptions', 'ClassTableRow', 'CodeBlockQuery', 'CodesignGrid', 'CodesignInput', 'CodesignLegAdmission',
  'CodesignOptions', 'CodesignPipeline', 'CodesignPoint', 'CodesignRelaxation', 'CodesignResult',
  'CodesignSystemCheck', 'CodesignSystemOptions', 'Combining', 'ComputeProfile', 'ControlErrors', 'CyclicPrefix',
  'DeadlineMark', 'DecodeError', 'DeliveryInput', 'DeriveOptions', 'DeriveSystemOptions', 'Direction',
  'DmrsRePerPrbConfig', 'DnnModel', 'Duplex', 'E2eParts', 'FadingModel', 'FeatureSource', 'FiveQi', 'FrequencyRange',
  'GrantType', 'HarqQuery', 'Infeasible', 'InvalidInput', 'JakesFader', 'LatencyAlignment', 'LatencyCdfPoint',
  'LatencyDerivation', 'LatencyPartRow', 'LayerMacs', 'LayerShape', 'LayerShapeOptions', 'LdpcSegmentation',
  'LinkAssumptions', 'LinkBudget', 'LinkContext', 'MappingType', 'McsEntry', 'McsOptions', 'McsTableName',
  'MixedScenarioOptions', 'Mobility', 'ModelMacs', 'ModulationInput', 'Mu', 'NearestClass', 'NrBand', 'Numerology',
  'OccasionGrid', 'PacketSizeCell', 'PacketSizePoint', 'PacketSizeRange', 'PacketSizeRow', 'ParsedBlock',
  'ParsedClassFields', 'PayloadProfile', 'PhyClass', 'PhyError', 'PipelineParams', 'PipelineProfile', 'PlanOptions',
  'PlannableService', 'PlannedClass', 'PlannedLeg', 'PlannerCache', 'PlannerCacheLimits', 'PlotOptions',
  'PolicyName', 'ProcessingTime', 'ProcessingTimeInput', 'PruneRule', 'ReceiverPreset', 'Relaxation',
  'RelaxationSystemCheck', 'Repetitions', 'ReportFigure', 'ReportPage', 'ReportTable', 'Rng', 'Scenario',
  'ScenarioReport', 'SchedulerPolicy', 'SearchOptions', 'ServiceProfile', 'SimulateOptions', 'SimulatedService',
  'SizeRange', 'SizeVerdict', 'SpecialSlotFormat', 'SplitPayloadParams', 'SplitServiceParams', 'StackExport',
  'StackExportInput', 'StackTarget', 'StackTiming', 'StackTimingValues', 'SymbolTiming',
  'SystemApplicationRelaxation', 'SystemBwp', 'SystemBwpVerdict', 'SystemPlan', 'SystemPlanResult', 'SystemPolicy',
  'SystemRelaxation', 'SystemServicePlan', 'SystemServiceVerdict', 'SystemSimulation', 'SystemVerdict', 'TableCell',
  'TableColumn', 'TbsBulkOptions', 'TbsParams', 'TbsRowError', 'TextTableOptions', 'TimeAllocation',
  'TimeAllocationParams', 'TimingProfile', 'TimingProfileName', 'TransportBlockQuery', 'UeCapability',
  'Unrepresentable', 'Unsupported', 'UserPlaneLatency', 'UserPlaneLatencyInput', 'ValueRange', 'VegaLiteSpec',
  'Verdict', 'VerifiableService', 'VerifySystemOptions', 'WilsonInterval',
];

const KERNEL_VALUES = [
  'MAX_TBS_PRB', 'MCS_FLAT_TABLES', 'MCS_VARIANT_TABLES', 'QFUNC_INV_MAX', 'TBS_TABLE', 'allocateInto',
  'allocationPieces', 'bisectSnr', 'channelStats', 'channelStatsOut', 'classTbsBits', 'deliveryFromTotals',
  'displacementTail', 'fadingLatticeCdf', 'initialState', 'inputCode', 'inputForQm',
  'latencyByTransmissions', 'ldpcBaseGraph', 'ldpcBlocks', 'logGamma', 'logQfunc', 'maxCodeBlockSize',
  'mcsTableVariant', 'mcsVariantMaxIndex', 'mcsVariantQm', 'mcsVariantRateX1024', 'naKernel',
  'normalApproximationCode', 'occasionGrid', 'occasionSpanSymbols', 'qfunc', 'qfuncInv', 'rePerPrbPrime',
  'schedulerStep', 'segmentedMissProbability', 'symbolDurationTc', 'symbolStartTc', 'tbCrcBits', 'tbFromCb',
  'tbsFromRe', 'totalRe',
];

const KERNEL_TYPES = [
  'AllocationShape', 'FadingLatticeCdf', 'InputCode', 'OccasionGrid', 'SchedulerArrival', 'SchedulerConfig',
  'SchedulerState', 'StepResult',
];

/** ARCHITECTURE.md "The public surface": names outside checks call (those that exist today). */
const ARCHITECTURE_NAMES = [
  'numerology', 'mcsEntry', 'transportBlockSize', 'ldpcSegmentation', 'processingTimeSymbols', 'maxPrb',
  'qfunc', 'qfuncInv', 'normalApproximation', 'blerModel', 'snrForBler', 'harqResidualError', 'userPlaneLatency',
  'layerShapes', 'splitPayloadBytes', 'packetSizeTable', 'services', 'serviceById', 'defaultLink', 'plan', 'verify',
  'deriveClasses', 'compileClassifier', 'simulate', 'transportBlockSizes', 'verifySystem',
];

function source(file: string): string {
  return readFileSync(`${ROOT}/${file}`, 'utf8');
}

function typeNames(text: string): string[] {
  return [...text.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) => (m[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')).sort();
}

describe('public API export lists', () => {
  it('the root exports exactly the listed values', () => {
    expect(Object.keys(root).sort()).toEqual(ROOT_VALUES);
  });

  it('the root exports exactly the listed types', () => {
    expect(typeNames(source('src/index.ts'))).toEqual(ROOT_TYPES);
  });

  it('phyclass/kernels exports exactly the listed values and types', () => {
    expect(Object.keys(kernels).sort()).toEqual(KERNEL_VALUES);
    expect(typeNames(source('src/kernels.ts'))).toEqual(KERNEL_TYPES);
  });

  it("no star re-export in the root or the kernels entry", () => {
    for (const f of ['src/index.ts', 'src/kernels.ts']) expect(source(f)).not.toMatch(/^\s*export\s*\*/m);
  });

  it('keeps every ARCHITECTURE public-surface name that exists', () => {
    for (const n of ARCHITECTURE_NAMES) expect(ROOT_VALUES).toContain(n);
  });

  it('no generic names at the root (issue 12: step, evaluate, decode, show, better)', () => {
    for (const n of ['step', 'evaluate', 'decode', 'show', 'better']) expect(Object.keys(root)).not.toContain(n);
  });

  it('no search internals, memo or scratch helpers at the root', () => {
    for (const n of ['searchBest', 'exhaustiveSearch', 'makeCtx', 'errVector', 'latVector', 'allocateInto', 'tbsFromRe', 'naKernel', 'channelStats', 'occasionGrid', 'schedulerStep', 'runTick', 'compileGrid', 'unsafeGet', 'goldenSection', 'assertUserPlaneLatency']) {
      expect(Object.keys(root)).not.toContain(n);
    }
  });

  it('package.json exports the root and ./kernels with types, import and default', () => {
    const pkg = JSON.parse(source('package.json')) as { exports: Record<string, unknown> };
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' });
    expect(pkg.exports['./kernels']).toEqual({ types: './dist/kernels.d.ts', import: './dist/kernels.js', default: './dist/kernels.js' });
    const typedoc = JSON.parse(source('typedoc.json')) as { entryPoints: string[] };
    expect(typedoc.entryPoints).toEqual(expect.arrayContaining(['src/index.ts', 'src/kernels.ts']));
  });

  // the built package, when dist/ is newer than every source (as after `npm ci`): resolve both entry
  // points through package.json "exports" (a self-reference, as a user's `import 'phyclass/kernels'`)
  it.skipIf(ENTRY[0] !== BIN)('the built package resolves phyclass and phyclass/kernels to the same lists', () => {
    const script = "Promise.all([import('phyclass'), import('phyclass/kernels')]).then(([r, k]) => console.log(JSON.stringify([Object.keys(r).sort(), Object.keys(k).sort()])))";
    const [r, k] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as [string[], string[]];
    expect(r).toEqual(ROOT_VALUES);
    expect(k).toEqual(KERNEL_VALUES);
  });
});

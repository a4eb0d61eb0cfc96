/**
 * Walking-speed agreement of the simulator with verify on the free FDD carrier (`freeFddLink`: same
 * physics as the default link, FDD, no band), where the UL occasions every slot also serve haptic,
 * platooning and collision avoidance — slow tier (`npm run test:slow`, run by CI). The same check on
 * the default link (n78 TDD DDDSU) and the slot-spread repetitions block run in `npm test`
 * (walking-agreement.test.ts); the method is described there.
 */
import { describeWalkingAgreement } from './walking-agreement-cases.js';

describeWalkingAgreement('freeFdd');

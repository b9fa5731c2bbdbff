import type { ProgramKind } from '@minsheng/shared';

/** What happens after a resident submits, in the order it happens (README's state machines). */
export const NEXT_STEPS: Record<ProgramKind, string[]> = {
  stall: [
    '区劳动和社会保障局工作人员审核您的申请和材料。',
    '审核通过后为您分配摊位，并通知您办理入驻；摊位已满时进入候补，按提交先后递补。',
  ],
  loan: ['工作人员审核您的申请和材料。', '社区劳动保障协理员会联系您，进行贷前考察。', '批准后由合作银行放款，之后按时还款即可。'],
  training: [
    '工作人员审核您的申请和材料。',
    '通过后为您保留培训名额；名额已满时进入候补，按提交先后递补。',
    '开班前会通知您报到时间和地点。',
  ],
  subsidy: ['社区核实您的灵活就业和社保缴费情况。', '审核通过后发放本季度的补贴。'],
};

export const ALWAYS_NEXT = ['如果需要补充材料，会在“我的申请”里告诉您原因，补充后重新提交即可。', '办理进度随时可以在“我的申请”里查看。'];

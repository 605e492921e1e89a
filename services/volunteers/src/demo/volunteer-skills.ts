/** Skills a volunteer of each kind typically offers: the demo data and the county-scale generator draw from it. */
export const SKILLS_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  PARTY_MEMBER: ['政策宣讲', '矛盾调解', '入户走访'],
  ACTIVIST: ['环境整治', '文明劝导', '治安巡逻'],
  STUDENT: ['课业辅导', '智能手机教学', '摄影'],
  PROFESSIONAL_TEACHER: ['课业辅导', '心理辅导'],
  PROFESSIONAL_DOCTOR: ['量血压', '健康咨询', '急救'],
  PROFESSIONAL_LAWYER: ['法律咨询', '矛盾调解'],
  LOCAL_TALENT: ['家电维修', '木工', '理发'],
};

export default definePageConfig({
  navigationBarTitleText: '待审核申请',
})

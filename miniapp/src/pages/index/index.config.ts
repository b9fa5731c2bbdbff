export default definePageConfig({
  navigationBarTitleText: '民生就业服务',
  enableShareAppMessage: true,
});

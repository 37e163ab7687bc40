export default definePageConfig({
  navigationBarTitleText: '打印点位码',
  enablePullDownRefresh: true,
})
